/**
 * The `minerals` command line: deploy the platform, manage lots, move units, report, and run the demo.
 * Each command group lives in scripts/cli/; all of them are thin over the SDK in src/.
 */
import { Command } from "commander";
import { markRequiredOptions, packageVersion } from "./cli/context.ts";
import { chainCommand, priceCommand } from "./cli/chain.ts";
import { checkCommand, forcedTransferCommand, freezeCommand, holdCommand, pauseCommands, rulesCommand } from "./cli/compliance.ts";
import { deliveryCommand } from "./cli/delivery.ts";
import { deployCommand, rolesCommand } from "./cli/deploy.ts";
import { investorCommand } from "./cli/investors.ts";
import { demoCommand } from "./cli/demo.ts";
import { lotCommand } from "./cli/lot.ts";
import { offeringCommand } from "./cli/offerings.ts";
import { passportCommand } from "./cli/passport.ts";
import { proceedsCommand } from "./cli/proceeds.ts";
import { reportCommand } from "./cli/report.ts";
import { serveCommand } from "./cli/serve.ts";
import { indexCommand } from "./cli/indexer.ts";
import { stablecoinCommand, tradeCommand } from "./cli/trade.ts";
import { balancesCommand, transferCommand } from "./cli/transfer.ts";

const program = new Command("minerals")
  .description("Tokenized physical lots of critical minerals: gold, copper, tungsten, antimony, rare earths")
  .version(packageVersion())
  .showHelpAfterError("(run with --help for usage)")
  // So `report` can take options both bare and after a subcommand (`report lot 1 --rpc …`).
  .enablePositionalOptions();

program
  .addCommand(deployCommand())
  .addCommand(lotCommand())
  .addCommand(transferCommand())
  .addCommand(balancesCommand())
  .addCommand(reportCommand())
  .addCommand(passportCommand())
  .addCommand(rolesCommand())
  .addCommand(investorCommand())
  .addCommand(rulesCommand())
  .addCommand(checkCommand())
  .addCommand(freezeCommand())
  .addCommand(holdCommand())
  .addCommand(forcedTransferCommand())
  .addCommand(tradeCommand())
  .addCommand(offeringCommand())
  .addCommand(proceedsCommand())
  .addCommand(deliveryCommand())
  .addCommand(stablecoinCommand())
  .addCommand(chainCommand())
  .addCommand(priceCommand())
  .addCommand(demoCommand())
  .addCommand(serveCommand())
  .addCommand(indexCommand());

for (const command of pauseCommands()) program.addCommand(command);
markRequiredOptions(program);

await program.parseAsync(process.argv);

/**
 * The `minerals` command line: deploy the platform, manage lots, move units, report, and run the demo.
 * Each command group lives in scripts/cli/; all of them are thin over the SDK in src/.
 */
import { Command } from "commander";
import { deployCommand, rolesCommand } from "./cli/deploy.ts";
import { demoCommand } from "./cli/demo.ts";
import { lotCommand } from "./cli/lot.ts";
import { reportCommand } from "./cli/report.ts";
import { balancesCommand, transferCommand } from "./cli/transfer.ts";

const program = new Command("minerals")
  .description("Tokenized physical lots of critical minerals: gold, copper, tungsten, antimony, rare earths")
  .showHelpAfterError("(run with --help for usage)");

program
  .addCommand(deployCommand())
  .addCommand(lotCommand())
  .addCommand(transferCommand())
  .addCommand(balancesCommand())
  .addCommand(reportCommand())
  .addCommand(rolesCommand())
  .addCommand(demoCommand());

await program.parseAsync(process.argv);

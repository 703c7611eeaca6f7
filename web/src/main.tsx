import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { createConfig, http, WagmiProvider } from "wagmi";
import { injected } from "wagmi/connectors";
import { App } from "./App.tsx";
import { chainOf, loadSetup, type Setup } from "./chain.ts";
import type { PresenterState } from "./views/Presenter.tsx";
import "./styles.css";

/** The presenter's state when the server runs `--present`, else undefined. */
async function loadPresenter(): Promise<PresenterState | undefined> {
  const response = await fetch("./present");
  return response.ok ? (((await response.json()) as PresenterState | null) ?? undefined) : undefined;
}

/** The page, with the setup re-read whenever the presenter's story deploys a platform or goes back to the start. */
function Root({ initialSetup, initialPresenter }: { initialSetup: Setup | undefined; initialPresenter: PresenterState | undefined }) {
  const [setup, setSetup] = useState(initialSetup);
  const [presenter, setPresenter] = useState(initialPresenter);
  const onPresenterChange = async (state: PresenterState) => {
    setPresenter(state);
    // Act 1 deploys the platform; "Back to the start" begins a chain with none: bind the SDK to what is there now.
    if (state.deployed !== (setup !== undefined) || state.played.length <= 1) setSetup(await loadSetup());
  };
  const key = setup ? `${setup.deployment.contracts.LotRegistry}:${setup.deployment.block.hash}` : "nothing deployed";
  return <App key={key} setup={setup} presenter={presenter} onPresenterChange={onPresenterChange} />;
}

const root = createRoot(document.getElementById("root")!);
try {
  const [setup, presenter] = await Promise.all([loadSetup(), loadPresenter()]);
  const chainId = setup?.deployment.chainId ?? presenter?.chainId;
  if (chainId === undefined) throw new Error("the server has no platform deployed and is not in presenter mode");
  const { chain, rpcUrl } = chainOf(chainId);
  // wagmi watches the chain's blocks (every view re-reads through the SDK on a new block) and connects a browser wallet.
  const config = createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(rpcUrl, { retryCount: 0 }) },
    pollingInterval: 500,
  });
  root.render(
    <StrictMode>
      <WagmiProvider config={config}>
        <QueryClientProvider client={new QueryClient()}>
          <Root initialSetup={setup} initialPresenter={presenter} />
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p className="refused">Cannot load the platform: {(error as Error).message}</p>);
}

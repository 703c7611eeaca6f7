import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createConfig, http, WagmiProvider } from "wagmi";
import { injected } from "wagmi/connectors";
import { App } from "./App.tsx";
import { loadSetup } from "./chain.ts";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
try {
  const setup = await loadSetup();
  // wagmi watches the chain's blocks (every view re-reads through the SDK on a new block) and connects a browser wallet.
  const config = createConfig({
    chains: [setup.chain],
    connectors: [injected()],
    transports: { [setup.chain.id]: http(setup.rpcUrl, { retryCount: 0 }) },
    pollingInterval: 500,
  });
  root.render(
    <StrictMode>
      <WagmiProvider config={config}>
        <QueryClientProvider client={new QueryClient()}>
          <App setup={setup} />
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p className="refused">Cannot load the platform: {(error as Error).message}</p>);
}

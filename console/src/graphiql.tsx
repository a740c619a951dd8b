// GraphiQL served by the binary: no CDN, so it works offline.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { createRoot } from "react-dom/client";

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql/ws`;
const fetcher = createGraphiQLFetcher({ url: "/graphql", subscriptionUrl: wsUrl });
const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={'{"Authorization": "Bearer <token>"}'}
      shouldPersistHeaders
    />,
  );
}

export * from "./auth";
export * from "./workspaces";
export * from "./audit";
export * from "./templates";
export * from "./flows";
export * from "./whatsapp";
export * from "./contacts";
export * from "./messages";

# Written from the protocol doc, sections 4.3 and 4.4 (struct IDs, field ordinals and types). Interfaces are left
# out: each method's implicit param/result struct is declared as a plain struct with its ID. Used only by tests
# that cross-check our codec with the reference `capnp` tool.
@0xdb8274f9144abc7e;

struct TunnelAuth @0x9496331ab9cd463f {
  accountTag @0 :Text;
  tunnelSecret @1 :Data;
}

struct ClientInfo @0x83ced0145b2f114b {
  clientId @0 :Data;
  features @1 :List(Text);
  version @2 :Text;
  arch @3 :Text;
}

struct ConnectionOptions @0xb4bf9861fe035d04 {
  client @0 :ClientInfo;
  originLocalIp @1 :Data;
  replaceExisting @2 :Bool;
  compressionQuality @3 :UInt8;
  numPreviousAttempts @4 :UInt8;
}

struct ConnectionResponse @0xdbaa9d03d52b62dc {
  result :union {
    error @0 :ConnectionError;
    connectionDetails @1 :ConnectionDetails;
  }
}

struct ConnectionError @0xf5f383d2785edb86 {
  cause @0 :Text;
  retryAfter @1 :Int64;
  shouldRetry @2 :Bool;
}

struct ConnectionDetails @0xb5f39f082b9ac18a {
  uuid @0 :Data;
  locationName @1 :Text;
  tunnelIsRemotelyManaged @2 :Bool;
}

struct RegisterUdpSessionResponse @0xab6d5210c1f26687 {
  err @0 :Text;
  spans @1 :Data;
}

struct UpdateConfigurationResponse @0xdb58ff694ba05cf9 {
  latestAppliedVersion @0 :Int32;
  err @1 :Text;
}

struct RegisterConnectionParams @0xe6646dec8feaa6ee {
  auth @0 :TunnelAuth;
  tunnelId @1 :Data;
  connIndex @2 :UInt8;
  options @3 :ConnectionOptions;
}

struct RegisterConnectionResults @0xea50d822450d1f17 {
  result @0 :ConnectionResponse;
}

struct UnregisterConnectionParams @0xf9cb7f4431a307d0 {}

struct UnregisterConnectionResults @0xb046e578094b1ead {}

struct UpdateLocalConfigurationParams @0xc5d6e311876a3604 {
  config @0 :Data;
}

struct UpdateLocalConfigurationResults @0xe5ceae5d6897d7be {}

struct RegisterUdpSessionParams @0x904e297b87fbecea {
  sessionId @0 :Data;
  dstIp @1 :Data;
  dstPort @2 :UInt16;
  closeAfterIdleHint @3 :Int64;
  traceContext @4 :Text = "";
}

struct RegisterUdpSessionResults @0x8635c6b4f45bf5cd {
  result @0 :RegisterUdpSessionResponse;
}

struct UnregisterUdpSessionParams @0x96b74375ce9b0ef6 {
  sessionId @0 :Data;
  message @1 :Text;
}

struct UnregisterUdpSessionResults @0xf24ec4ab5891b676 {}

struct UpdateConfigurationParams @0xb177ca2526a3ca76 {
  version @0 :Int32;
  config @1 :Data;
}

struct UpdateConfigurationResults @0x958096448eb3373e {
  result @0 :UpdateConfigurationResponse;
}

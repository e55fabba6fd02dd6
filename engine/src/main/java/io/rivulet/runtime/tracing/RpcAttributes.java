package io.rivulet.runtime.tracing;

import io.opentelemetry.api.common.AttributeKey;

/** Attribute names of the OpenTelemetry RPC semantic conventions (written out: the semconv artifact is alpha). */
final class RpcAttributes {
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
  /** Host and port of the server called (from the channel's authority). */
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> GRPC_STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");

  private RpcAttributes() {}
}

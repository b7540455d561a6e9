package io.tidestream.elastic.client;

import io.tidestream.elastic.retry.AwsAuthError;

/** AWS refused a SigV4-signed request (HTTP 403) for a reason about its signature. */
public final class AwsRequestRefused extends EngineException {

  private static final long serialVersionUID = 1L;

  private final AwsAuthError error;

  AwsRequestRefused(AwsAuthError error, String request) {
    super(403, request + " was refused by AWS (HTTP 403, " + error + ")");
    this.error = error;
  }

  public AwsAuthError error() {
    return error;
  }
}

package io.tidestream.elastic.retry;

import java.util.Locale;

/**
 * What AWS's front door says when it refuses a SigV4-signed request (HTTP 403), read from the
 * answer's body (pure). Amazon OpenSearch Service answers {@code {"message":"…"}} with a fixed
 * sentence and no error type to match exactly, so the sentence's fixed start is what is matched.
 * The body itself is never repeated to the user: some AWS answers quote the canonical request,
 * which holds the session token when one is signed.
 */
public enum AwsAuthError {
  /** The secret does not belong to the key id (or the request was changed after signing). */
  SIGNATURE_MISMATCH("The request signature we calculated does not match"),
  /** AWS does not know the access key id, or the session token is not valid. */
  INVALID_TOKEN("The security token included in the request is invalid"),
  /** Temporary credentials past their expiry. */
  EXPIRED_TOKEN("The security token included in the request is expired"),
  /** X-Amz-Date too far from AWS's clock. */
  SIGNATURE_EXPIRED("Signature expired"),
  /** The credential scope names another region than the endpoint's. */
  WRONG_REGION("Credential should be scoped to a valid region"),
  /** The credential scope names another service (es vs aoss). */
  WRONG_SERVICE("Credential should be scoped to correct service"),
  /** The body's SHA-256 does not match x-amz-content-sha256. */
  CONTENT_HASH_MISMATCH("The provided 'x-amz-content-sha256' header does not match");

  private final String sentence;

  AwsAuthError(String sentence) {
    this.sentence = sentence.toLowerCase(Locale.ROOT);
  }

  /** The refusal in a 403 body, or null when the body is not one of AWS's signature errors. */
  public static AwsAuthError of(int status, String body) {
    if (status != 403 || body == null) {
      return null;
    }
    String text = body.toLowerCase(Locale.ROOT);
    for (AwsAuthError e : values()) {
      if (text.contains(e.sentence)) {
        return e;
      }
    }
    return null;
  }
}

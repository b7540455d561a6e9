package io.tidestream.elastic.client;

import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The sink's TLS client certificate, from a key store or from PEM files, with the JDK alone: PEM
 * keys must be PKCS#8, plain or encrypted (PBES2, as {@code openssl pkcs8 -topk8} writes). Every
 * failure is a {@link Problem} naming the key to change; no password is ever part of a message.
 */
public final class ClientKeys {

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

  private ClientKeys() {}

  /** A client certificate that cannot be used, reported on {@link #key()}. */
  public static final class Problem extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final String key;

    Problem(String key, String message) {
      super(message);
      this.key = key;
    }

    /** The configuration key to change. */
    public String key() {
      return key;
    }
  }

  /** The key managers presenting the configured client certificate, or null when none is set. */
  public static KeyManager[] keyManagers(ElasticGeoSinkConfig config) {
    KeyStore store;
    char[] keyPassword;
    if (config.keystorePath() != null) {
      store = loadKeyStore(config);
      Password entry =
          config.keyPassword() != null ? config.keyPassword() : config.keystorePassword();
      keyPassword = entry == null ? new char[0] : entry.value().toCharArray();
    } else if (config.keyPemPath() != null && config.certPemPath() != null) {
      keyPassword = new char[0];
      store = pemKeyStore(config, keyPassword);
    } else {
      return null;
    }
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, keyPassword);
      return kmf.getKeyManagers();
    } catch (UnrecoverableKeyException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PASSWORD,
          "The private key in the client key store "
              + config.keystorePath()
              + " cannot be opened with the given password; set "
              + ElasticGeoSinkConfig.KEY_PASSWORD
              + " to the key's password (or leave it empty when it is the store's password)");
    } catch (GeneralSecurityException e) {
      throw new Problem(
          config.keystorePath() != null
              ? ElasticGeoSinkConfig.KEYSTORE_PATH
              : ElasticGeoSinkConfig.KEY_PEM_PATH,
          "Cannot use the client certificate: " + e.getClass().getSimpleName());
    }
  }

  private static KeyStore loadKeyStore(ElasticGeoSinkConfig config) {
    String path = config.keystorePath();
    Password pw = config.keystorePassword();
    KeyStore store;
    try {
      store = KeyStore.getInstance(config.keystoreType());
    } catch (GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEYSTORE_TYPE, "This JVM has no key store type " + e.getMessage());
    }
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      store.load(in, pw == null ? null : pw.value().toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new Problem(
            ElasticGeoSinkConfig.KEYSTORE_PASSWORD,
            "The client key store "
                + path
                + " does not open with the given password; check "
                + ElasticGeoSinkConfig.KEYSTORE_PASSWORD);
      }
      throw new Problem(
          ElasticGeoSinkConfig.KEYSTORE_PATH,
          "Cannot read the client key store "
              + path
              + " ("
              + e.getClass().getSimpleName()
              + "); check the file and "
              + ElasticGeoSinkConfig.KEYSTORE_TYPE
              + " (now "
              + config.keystoreType()
              + ")");
    } catch (GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEYSTORE_PATH,
          "Cannot read the client key store " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return store;
        }
      }
    } catch (GeneralSecurityException e) {
      // reported below
    }
    throw new Problem(
        ElasticGeoSinkConfig.KEYSTORE_PATH,
        "The client key store "
            + path
            + " holds no private key entry (only trusted certificates?); it needs the sink's key"
            + " and certificate, e.g. from 'keytool -genkeypair' or 'openssl pkcs12 -export'");
  }

  private static KeyStore pemKeyStore(ElasticGeoSinkConfig config, char[] entryPassword) {
    List<Certificate> chain = certificates(config.certPemPath());
    PrivateKey key = privateKey(config, chain.get(0));
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, entryPassword, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          "Cannot use the PEM client key: " + e.getClass().getSimpleName());
    }
  }

  private static List<Certificate> certificates(String path) {
    List<Certificate> chain;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    } catch (IOException | GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.CERT_PEM_PATH,
          "Cannot read PEM certificates from " + path + ": " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new Problem(
          ElasticGeoSinkConfig.CERT_PEM_PATH,
          path + " holds no certificate; give the sink's client certificate in PEM");
    }
    return chain;
  }

  private static PrivateKey privateKey(ElasticGeoSinkConfig config, Certificate cert) {
    String path = config.keyPemPath();
    String text;
    try {
      text = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          "Cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    Matcher m = PEM_BLOCK.matcher(text);
    String type = null;
    byte[] der = null;
    while (m.find()) {
      if (m.group(1).endsWith("PRIVATE KEY")) {
        type = m.group(1);
        try {
          der = Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
          throw new Problem(
              ElasticGeoSinkConfig.KEY_PEM_PATH,
              path + " holds a damaged PEM block (" + type + ")");
        }
        break;
      }
    }
    if (type == null) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          path + " holds no PEM private key ('-----BEGIN PRIVATE KEY-----')");
    }
    PKCS8EncodedKeySpec spec;
    if (type.equals("PRIVATE KEY")) {
      spec = new PKCS8EncodedKeySpec(der);
    } else if (type.equals("ENCRYPTED PRIVATE KEY")) {
      spec = decrypt(config, der);
    } else {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          path
              + " holds a '"
              + type
              + "', which the sink does not read; convert it to PKCS#8 with 'openssl pkcs8 -topk8"
              + " -nocrypt -in key.pem -out key-pkcs8.pem' (or -v2 aes-256-cbc and "
              + ElasticGeoSinkConfig.KEY_PASSWORD
              + ")");
    }
    String algorithm = cert.getPublicKey().getAlgorithm();
    PrivateKey key;
    try {
      key = KeyFactory.getInstance(algorithm).generatePrivate(spec);
    } catch (GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          "The private key in "
              + path
              + " is not a "
              + algorithm
              + " key, the type of the certificate in "
              + config.certPemPath()
              + "; give the key of that certificate");
    }
    if (!matches(key, cert)) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          "The private key in "
              + path
              + " does not belong to the first certificate in "
              + config.certPemPath()
              + " ("
              + subject(cert)
              + "); give the key of that certificate, with the client certificate first");
    }
    return key;
  }

  private static PKCS8EncodedKeySpec decrypt(ElasticGeoSinkConfig config, byte[] der) {
    Password password = config.keyPassword();
    if (password == null) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PASSWORD,
          "The private key in "
              + config.keyPemPath()
              + " is encrypted; set "
              + ElasticGeoSinkConfig.KEY_PASSWORD);
    }
    EncryptedPrivateKeyInfo info;
    String algorithm;
    try {
      info = new EncryptedPrivateKeyInfo(der);
      // PBES2 names its real scheme (e.g. PBEWithHmacSHA256AndAES_256) in its parameters
      algorithm =
          info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
    } catch (IOException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          config.keyPemPath() + " holds a damaged encrypted private key");
    }
    Key secret;
    Cipher cipher;
    try {
      secret =
          SecretKeyFactory.getInstance(algorithm)
              .generateSecret(new PBEKeySpec(password.value().toCharArray()));
      cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
    } catch (GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PEM_PATH,
          "The private key in "
              + config.keyPemPath()
              + " is encrypted with "
              + algorithm
              + ", which this JVM cannot decrypt; re-encrypt it with 'openssl pkcs8 -topk8 -v2"
              + " aes-256-cbc' or store it unencrypted with file permissions");
    }
    try {
      return info.getKeySpec(cipher);
    } catch (GeneralSecurityException e) {
      throw new Problem(
          ElasticGeoSinkConfig.KEY_PASSWORD,
          "The private key in "
              + config.keyPemPath()
              + " does not decrypt with the given password; check "
              + ElasticGeoSinkConfig.KEY_PASSWORD);
    }
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey key, Certificate cert) {
    String signature =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "RSASSA-PSS" -> null;
          default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
    if (signature == null) {
      return true; // PSS needs parameters; the TLS handshake still checks the pair
    }
    try {
      byte[] probe = "tidestream client key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(signature);
      signer.initSign(key);
      signer.update(probe);
      byte[] signed = signer.sign();
      Signature verifier = Signature.getInstance(signature);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signed);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String subject(Certificate cert) {
    return cert instanceof X509Certificate x
        ? x.getSubjectX500Principal().getName()
        : cert.getType();
  }
}

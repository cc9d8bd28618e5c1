package dev.berth.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets that trust the certificate authorities of one PEM file ({@code tlsCaFile}), for a
 * Redis whose certificate a private CA signed, without touching the JVM's own trust store.
 */
final class TlsTrust {
  private TlsTrust() {}

  static SSLSocketFactory trusting(Path caFile, String key) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> authorities = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (authorities.isEmpty()) {
        throw new IllegalArgumentException("config " + key + ": " + caFile + " holds no certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate authority : authorities) {
        trusted.setCertificateEntry("ca-" + n++, authority);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (IOException e) {
      throw new IllegalArgumentException("config " + key + ": cannot read " + caFile + " (" + e.getClass().getSimpleName() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("config " + key + ": " + caFile + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }
}

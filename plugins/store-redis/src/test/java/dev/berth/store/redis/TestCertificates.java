package dev.berth.store.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed, made with the real
 * {@code openssl}, for a TLS redis-server in tests.
 *
 * @param ca the authority's certificate (PEM), what a client trusts
 * @param serverCertificate the server's certificate, valid for {@code subjectAltName}
 */
record TestCertificates(Path ca, Path serverCertificate, Path serverKey) {

  /** Makes the files in {@code dir}; {@code subjectAltName} is e.g. {@code IP:127.0.0.1}. */
  static TestCertificates create(Path dir, String subjectAltName) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.crt");
    Path key = dir.resolve("server.key");
    Path request = dir.resolve("server.csr");
    Path certificate = dir.resolve("server.crt");
    Path extensions = Files.writeString(dir.resolve("server.ext"), "subjectAltName=" + subjectAltName + "\n");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
        "-days", "2", "-subj", "/CN=berth-test-ca");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(),
        "-subj", "/CN=berth-test-redis");
    openssl(dir, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-out", certificate.toString(), "-days", "2", "-extfile", extensions.toString());
    return new TestCertificates(ca, certificate, key);
  }

  /** The redis-server arguments serving TLS on {@code tlsPort} with this certificate. */
  List<String> redisArguments(int tlsPort) {
    return List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", serverCertificate.toString(),
        "--tls-key-file", serverKey.toString(), "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no");
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + Files.readString(log));
    }
  }
}

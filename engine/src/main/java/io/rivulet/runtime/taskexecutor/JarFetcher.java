package io.rivulet.runtime.taskexecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches job JARs over HTTP(S), or from a {@code file:} URL (a runtime in the control plane's own JVM reads the
 * JAR store directly), and checks their SHA-256 while writing them, so a JAR that does not match never becomes
 * visible under its final name. Thread-safe.
 */
final class JarFetcher {
  /** Only a runtime inside the control plane's JVM reads {@code file:} URLs: it shares the JAR store's disk. */
  private final boolean acceptFiles;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  JarFetcher(boolean acceptFiles) {
    this.acceptFiles = acceptFiles;
  }

  /**
   * Downloads {@code url} to {@code target}.
   *
   * @throws JarChecksumException when the content's SHA-256 is not {@code expectedSha256} (hex)
   */
  void fetch(String url, String expectedSha256, Path target) throws IOException {
    URI uri = URI.create(url);
    boolean local = acceptFiles && "file".equalsIgnoreCase(uri.getScheme());
    if (!local && !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("job JAR URL must be http(s)" + (acceptFiles ? " or file" : "") + ": " + url);
    }
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      MessageDigest sha = sha256();
      if (local) {
        try (InputStream body = new DigestInputStream(Files.newInputStream(Path.of(uri)), sha);
            OutputStream out = Files.newOutputStream(tmp)) {
          body.transferTo(out);
        }
      } else {
        HttpResponse<InputStream> response = http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new DigestInputStream(response.body(), sha);
            OutputStream out = Files.newOutputStream(tmp)) {
          if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
          }
          body.transferTo(out);
        }
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equalsIgnoreCase(expectedSha256)) {
        throw new JarChecksumException("job JAR from " + url + " has SHA-256 " + actual + ", expected "
            + expectedSha256.toLowerCase());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + url, e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

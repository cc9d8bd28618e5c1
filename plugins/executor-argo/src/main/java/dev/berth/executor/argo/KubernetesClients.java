package dev.berth.executor.argo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.util.function.Supplier;

/**
 * Builds the fabric8 client from {@code executor.argo}: an explicit kubeconfig file, or the usual
 * discovery ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster service account). Reading the
 * configuration contacts no cluster.
 */
final class KubernetesClients {
  private KubernetesClients() {}

  /**
   * The client configuration, with the configured context and timeouts.
   *
   * @throws IllegalArgumentException when the configured kubeconfig file does not exist
   */
  static Config config(ArgoExecutorConfig settings) {
    Config base =
        inPluginClassLoader(
            () -> {
              if (settings.kubeconfig() != null) {
                if (!Files.isReadable(settings.kubeconfig())) {
                  throw new IllegalArgumentException(
                      "config executor.argo.kubeconfig: cannot read " + settings.kubeconfig());
                }
                return Config.fromKubeconfig(settings.context(), settings.kubeconfig().toFile());
              }
              return Config.autoConfigure(settings.context());
            });
    ConfigBuilder builder =
        new ConfigBuilder(base)
            .withRequestTimeout((int) settings.requestTimeout().toMillis())
            .withConnectionTimeout((int) settings.connectTimeout().toMillis())
            // Two quick retries (0.1 s, 0.2 s) on I/O errors, so a submit on the scheduler thread
            // gives up within a second when the API server is down; the host tries again later.
            .withRequestRetryBackoffLimit(2)
            .withRequestRetryBackoffInterval(100);
    if (!settings.namespace().isEmpty()) {
      builder.withNamespace(settings.namespace());
    }
    return builder.build();
  }

  /** The namespace workflows go to: configured, else the kubeconfig's, else {@code default}. */
  static String namespace(Config config) {
    String ns = config.getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  /**
   * A client over the JDK's HTTP client. The factory is named explicitly because fabric8 looks it
   * up through the thread's context class loader, which in a plugin is the host's.
   */
  static KubernetesClient client(Config config) {
    return inPluginClassLoader(
        () ->
            new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build());
  }

  /** Runs {@code action} with this plugin's class loader as the thread's context class loader. */
  static <T> T inPluginClassLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KubernetesClients.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}

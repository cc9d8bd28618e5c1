package dev.berth.probe.cluster;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;

/**
 * Finds the monitors as the endpoints of their Service: the EndpointSlices labelled {@code
 * kubernetes.io/service-name=<service>}, listed again every {@code refreshSeconds}. Each endpoint is
 * one monitor pod, named after the node it runs on. Endpoints that are not ready are polled too:
 * a node whose monitor is down must show up with the reason, not vanish.
 *
 * <p>Needs {@code list} on {@code endpointslices.discovery.k8s.io} in the namespace. A failed
 * listing keeps the monitors found last time and reports the failure in the snapshot.
 */
final class KubernetesDiscovery implements Discovery {
  static final String SERVICE_LABEL = "kubernetes.io/service-name";

  private final KubernetesSettings settings;
  private final Clock clock;
  private final Logger log;
  private final KubernetesClient client;
  private final String namespace;
  private List<MonitorTarget> targets = List.of();
  private Instant listedAt;
  private Instant triedAt;
  private String lastError;

  KubernetesDiscovery(KubernetesSettings settings, Duration requestTimeout, Clock clock, Logger log) {
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.client = withPluginClassLoader(() -> build(settings, requestTimeout));
    this.namespace = settings.namespace() != null ? settings.namespace()
        : client.getNamespace() != null ? client.getNamespace() : "default";
  }

  private static KubernetesClient build(KubernetesSettings settings, Duration requestTimeout) {
    Config config = settings.masterUrl() == null
        ? Config.autoConfigure(null)
        : new ConfigBuilder(Config.empty()).withMasterUrl(settings.masterUrl()).build();
    config.setRequestTimeout((int) requestTimeout.toMillis());
    config.setConnectionTimeout((int) requestTimeout.toMillis());
    // Our own poller retries; a discovery that fails keeps the last list until the next refresh.
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  @Override
  public synchronized Found targets() {
    Instant now = clock.instant();
    if (triedAt == null || !now.isBefore(triedAt.plus(settings.refresh()))) {
      triedAt = now;
      refresh(now);
    }
    List<String> errors = new ArrayList<>();
    if (lastError != null) {
      errors.add("monitor discovery failed: " + lastError + "; "
          + (listedAt == null ? "no monitors known yet" : "using the " + targets.size() + " found at " + listedAt));
    } else if (targets.isEmpty()) {
      errors.add("no monitors found: service " + settings.service() + " in namespace " + namespace
          + " has no endpoints");
    }
    return new Found(targets, errors);
  }

  private void refresh(Instant now) {
    try {
      List<EndpointSlice> slices = withPluginClassLoader(() -> client.discovery().v1().endpointSlices()
          .inNamespace(namespace).withLabel(SERVICE_LABEL, settings.service()).list().getItems());
      List<MonitorTarget> found = new ArrayList<>();
      for (EndpointSlice slice : slices) {
        Integer port = port(slice);
        if (port == null || slice.getEndpoints() == null) {
          continue;
        }
        for (Endpoint endpoint : slice.getEndpoints()) {
          MonitorTarget target = target(endpoint, port);
          if (target != null && found.stream().noneMatch(t -> t.statusUrl().equals(target.statusUrl()))) {
            found.add(target);
          }
        }
      }
      found.sort(Comparator.comparing(MonitorTarget::fallbackName).thenComparing(t -> t.statusUrl().toString()));
      if (lastError != null || found.size() != targets.size()) {
        log.info("Found {} monitors behind service {}/{}", found.size(), namespace, settings.service());
      }
      targets = List.copyOf(found);
      listedAt = now;
      lastError = null;
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      if (!message.equals(lastError)) {
        log.warn("Listing the endpoints of service {}/{} failed: {}", namespace, settings.service(), message);
      }
      lastError = message;
    }
  }

  /** The slice's port named in the config, else the one named {@code http}, else its first. */
  private Integer port(EndpointSlice slice) {
    List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
    String wanted = settings.port();
    for (EndpointPort p : ports) {
      if (wanted != null && (wanted.equals(p.getName()) || wanted.equals(String.valueOf(p.getPort())))) {
        return p.getPort();
      }
    }
    if (wanted != null) {
      return wanted.chars().allMatch(Character::isDigit) ? Integer.valueOf(wanted) : null;
    }
    return ports.stream().filter(p -> "http".equals(p.getName())).findFirst()
        .or(() -> ports.stream().findFirst()).map(EndpointPort::getPort).orElse(null);
  }

  private MonitorTarget target(Endpoint endpoint, int port) {
    if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
      return null;
    }
    String address = endpoint.getAddresses().get(0);
    String host = address.contains(":") ? "[" + address + "]" : address;
    String node = endpoint.getNodeName();
    if ((node == null || node.isBlank()) && endpoint.getTargetRef() != null) {
      node = endpoint.getTargetRef().getName();
    }
    try {
      URI url = new URI(settings.scheme() + "://" + host + ":" + port + settings.path());
      return new MonitorTarget(node == null || node.isBlank() ? null : node, url);
    } catch (URISyntaxException e) {
      log.warn("Endpoint address {} of service {} is not usable: {}", address, settings.service(), e.getMessage());
      return null;
    }
  }

  /** fabric8 finds its parts through the context class loader, which is the host's, not this plugin's. */
  private static <T> T withPluginClassLoader(java.util.function.Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(KubernetesDiscovery.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

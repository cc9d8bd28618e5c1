package dev.berth.probe.dcgm;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * GPUs of many nodes from NVIDIA's dcgm-exporter, which clusters often run already ({@code
 * :9400/metrics}, Prometheus text). Reads utilization ({@code DCGM_FI_DEV_GPU_UTIL}), memory
 * ({@code DCGM_FI_DEV_FB_USED}, {@code _FREE}, {@code _RESERVED}) and power ({@code
 * DCGM_FI_DEV_POWER_USAGE}) per GPU, grouped into nodes by the {@code Hostname} or {@code hostname}
 * label; MIG instances ({@code GPU_I_ID}) add up into their GPU. DCGM measures no host CPU or
 * memory, so those stay unknown.
 *
 * <p>Configuration, section {@code probe.dcgm}: {@code exporters} (a list of URLs, or of {@code
 * {url, node}} maps) and {@code timeoutMillis} (5000). All exporters are read at once.
 *
 * <p>Never throws from {@link #sample()}: an exporter that does not answer is reported as a node
 * with no GPUs and the reason, named after its configured node, the host names it reported last
 * time, or its URL's host.
 */
@Extension
public final class DcgmProbe implements ResourceProbe, AutoCloseable {
  private final Clock clock;
  private final Logger log;
  private final DcgmProbeConfig config;
  private final Scraper scraper;
  private final Map<URI, List<String>> lastNodes = new HashMap<>();
  private List<String> lastErrors = List.of();

  public DcgmProbe(PluginContext context) {
    this.clock = context.clock();
    this.log = context.logger();
    this.config = DcgmProbeConfig.from(context.config());
    this.scraper = new Scraper(config.timeout());
  }

  @Override
  public synchronized ResourceSnapshot sample() {
    Instant at = clock.instant();
    List<NodeResources> nodes;
    try {
      nodes = scrapeAll();
    } catch (RuntimeException e) {
      log.error("dcgm probe failed unexpectedly", e);
      return new ResourceSnapshot(at, List.of(), List.of("dcgm probe failed: " + e));
    }
    logChangedErrors(nodes);
    return new ResourceSnapshot(at, nodes, List.of());
  }

  private List<NodeResources> scrapeAll() {
    Map<DcgmExporter, CompletableFuture<String>> pages = new LinkedHashMap<>();
    for (DcgmExporter exporter : config.exporters()) {
      pages.put(exporter, scraper.fetch(exporter.url()));
    }
    awaitAll(pages);
    List<NodeResources> nodes = new ArrayList<>();
    pages.forEach((exporter, page) -> nodes.addAll(read(exporter, page)));
    return merge(nodes);
  }

  private void awaitAll(Map<DcgmExporter, CompletableFuture<String>> pages) {
    CompletableFuture<Void> all = CompletableFuture.allOf(pages.values().toArray(CompletableFuture[]::new));
    try {
      // Each request has its own timeout; the margin covers a body still arriving when it ends.
      all.get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Read per exporter below: the finished ones count, the others are reported.
    }
  }

  private List<NodeResources> read(DcgmExporter exporter, CompletableFuture<String> page) {
    String failure;
    if (!page.isDone()) {
      page.cancel(true);
      failure = "timed out after " + Scraper.seconds(config.timeout());
    } else if (page.isCompletedExceptionally()) {
      failure = scraper.describe(page.handle((v, e) -> e).join());
    } else {
      List<NodeResources> read = DcgmNodes.read(PrometheusTextParser.parse(page.join()), exporter);
      lastNodes.put(exporter.url(), read.stream().map(NodeResources::name).toList());
      return read;
    }
    List<String> names = exporter.node() != null ? List.of(exporter.node())
        : lastNodes.getOrDefault(exporter.url(), List.of(exporter.fallbackNode()));
    List<NodeResources> out = new ArrayList<>();
    for (String name : names) {
      out.add(new NodeResources(name, null, null, List.of(),
          List.of("dcgm-exporter on " + name + " " + failure + " (" + exporter.url() + ")")));
    }
    return out;
  }

  /** One node per name, even when two exporters report the same host; a GPU index appears once. */
  private static List<NodeResources> merge(List<NodeResources> nodes) {
    Map<String, NodeResources> byName = new LinkedHashMap<>();
    for (NodeResources node : nodes) {
      NodeResources seen = byName.get(node.name());
      if (seen == null) {
        byName.put(node.name(), node);
        continue;
      }
      List<GpuResources> gpus = new ArrayList<>(seen.gpus());
      List<String> errors = new ArrayList<>(seen.errors());
      for (GpuResources gpu : node.gpus()) {
        if (gpus.stream().anyMatch(g -> g.index() == gpu.index())) {
          errors.add("GPU " + gpu.index() + " of " + node.name() + " is reported by two exporters; the second skipped");
        } else {
          gpus.add(gpu);
        }
      }
      errors.addAll(node.errors());
      byName.put(node.name(), new NodeResources(node.name(), null, null, gpus, errors));
    }
    return List.copyOf(byName.values());
  }

  /** Says so once when errors appear or change, and once when they clear: not every 5 s. */
  private void logChangedErrors(List<NodeResources> nodes) {
    List<String> errors = nodes.stream().flatMap(n -> n.errors().stream()).toList();
    if (errors.equals(lastErrors)) {
      return;
    }
    if (errors.isEmpty()) {
      log.info("dcgm probe: every exporter answers again");
    } else {
      log.warn("dcgm probe: {}", String.join("; ", errors));
    }
    lastErrors = errors;
  }

  @Override
  public void close() {
    scraper.close();
  }
}

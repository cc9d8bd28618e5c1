package dev.berth.web.pages;

import java.time.Clock;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.scheduler.ResourceReport;
import dev.berth.web.support.Times;
import dev.berth.web.view.ResourcesPage;
import dev.berth.web.view.ResourcesPage.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the resources page's model from the core's last sample and verdict. */
final class ResourceViews {
  private final ResourceService resources;
  private final Clock clock;

  ResourceViews(ResourceService resources, Clock clock) {
    this.resources = resources;
    this.clock = clock;
  }

  ResourcesPage.Body body() {
    ResourceReport report = resources.report();
    List<ResourcesPage.Node> nodes = new ArrayList<>();
    for (ResourceReport.Node n : report.nodes()) {
      List<ResourcesPage.Gpu> gpus = new ArrayList<>();
      for (ResourceReport.Gpu g : n.gpus()) {
        Double memPercent = g.memoryUsedMiB() == null || g.memoryTotalMiB() == null || g.memoryTotalMiB() == 0
            ? null : 100.0 * g.memoryUsedMiB() / g.memoryTotalMiB();
        String memLabel = g.memoryUsedMiB() == null || g.memoryTotalMiB() == null ? "memory unknown"
            : g.memoryUsedMiB() + " / " + g.memoryTotalMiB() + " MiB used, " + g.memoryFreeMiB() + " MiB free";
        String utilLabel = g.utilizationPercent() == null ? "utilization unknown" : percent(g.utilizationPercent()) + " busy";
        gpus.add(new ResourcesPage.Gpu(g.index(), g.name() == null ? "" : g.name(), g.uuid() == null ? "" : g.uuid(),
            Bar.of(memPercent, memLabel), Bar.of(g.utilizationPercent(), utilLabel),
            g.powerWatts() == null ? "—" : String.format(Locale.ROOT, "%.0f W", g.powerWatts()),
            g.temperatureC() == null ? "—" : String.format(Locale.ROOT, "%.0f °C", g.temperatureC()),
            String.join(", ", g.throttleReasons()), g.eligible(),
            g.reasons(), g.reservedBy() == null ? "" : g.reservedBy(),
            g.outsideBerth() == null ? "" : g.outsideBerth()));
      }
      nodes.add(new ResourcesPage.Node(n.name(),
          Bar.of(n.cpuPercent(), n.cpuPercent() == null ? "CPU unknown" : "CPU " + percent(n.cpuPercent())),
          Bar.of(n.memoryPercent(), n.memoryPercent() == null ? "memory unknown" : "memory " + percent(n.memoryPercent())),
          n.eligible(), n.reasons(), n.errors(), gpus));
    }
    return new ResourcesPage.Body(
        report.takenAt() == null ? "" : Times.stamp(report.takenAt()), Times.iso(report.takenAt()),
        report.takenAt() == null ? "" : Times.duration(report.takenAt(), clock.instant()) + " ago",
        report.errors(), nodes);
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.0f %%", p);
  }
}

package dev.berth.web.view;

import java.util.List;

/** Per node and per GPU: the last sample and the policies' verdict. */
public record ResourcesPage(Layout layout, Body body) {

  /** The part that refreshes live. */
  public record Body(String sampledAt, String sampledIso, String age, List<String> errors, List<Node> nodes) {}

  /** One machine. */
  public record Node(String name, Bar cpu, Bar memory, boolean eligible, List<String> reasons, List<String> errors,
      List<Gpu> gpus) {}

  /**
   * One GPU.
   *
   * @param temperature such as {@code 41 °C}, or {@code —} when unknown
   * @param throttle the active clock throttle reasons, comma-separated; empty when none
   */
  public record Gpu(int index, String name, String uuid, Bar memory, Bar utilization, String power, String temperature,
      String throttle, boolean eligible, List<String> reasons, String reservedBy,
      String outsideBerth) {}

  /**
   * A horizontal bar.
   *
   * @param percent 0–100, null when the metric is unknown
   * @param label the figures in words, such as {@code 4000 / 10240 MiB}
   * @param level {@code low}, {@code mid} or {@code high}, for the colour
   */
  public record Bar(Double percent, String label, String level) {
    public static Bar of(Double percent, String label) {
      if (percent == null || percent.isNaN()) {
        return new Bar(null, label, "none");
      }
      double p = Math.max(0, Math.min(100, percent));
      return new Bar(p, label, p >= 85 ? "high" : p >= 60 ? "mid" : "low");
    }

    public boolean known() {
      return percent != null;
    }

    /** The width as CSS, such as {@code 42.5%}. */
    public String width() {
      return percent == null ? "0%" : String.format(java.util.Locale.ROOT, "%.1f%%", percent);
    }

    public String rounded() {
      return percent == null ? "" : Long.toString(Math.round(percent));
    }
  }
}

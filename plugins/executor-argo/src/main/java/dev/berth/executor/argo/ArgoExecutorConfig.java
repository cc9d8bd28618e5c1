package dev.berth.executor.argo;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code executor.argo} config section, read once at start.
 *
 * @param namespace where workflows are created; empty for the kubeconfig's (or in-cluster) namespace
 * @param kubeconfig a kubeconfig file; null for the usual discovery ({@code KUBECONFIG}, {@code
 *     ~/.kube/config}, then the in-cluster service account)
 * @param context the kubeconfig context; null for its current one
 * @param serviceAccount {@code spec.serviceAccountName} of every workflow; null to leave it to the
 *     template
 * @param shutdown the {@code spec.shutdown} strategy a cancel sets: {@code Terminate} or {@code Stop}
 * @param nodeParameter the argument that carries the node when {@code placement} is {@code parameter}
 * @param resync how often the informer re-delivers every workflow it holds, and retries after errors
 * @param logContainer the container of each workflow pod whose log is the job's log
 * @param uiUrl the Argo UI's base address, without a trailing slash, for the job page's link to a
 *     workflow; empty for no link
 * @param installation this Berth's id among the Berths that share a namespace: it names, labels
 *     and annotates every workflow, and Berth follows only workflows that carry it
 * @param logPoll how often the log of a running job is read on and appended to its kept copy
 */
record ArgoExecutorConfig(
    String namespace,
    Path kubeconfig,
    String context,
    String serviceAccount,
    Map<String, String> labels,
    Map<String, String> annotations,
    String shutdown,
    PlacementMode placement,
    String nodeParameter,
    Duration resync,
    Duration requestTimeout,
    Duration connectTimeout,
    String logContainer,
    String uiUrl,
    String installation,
    Duration logPoll,
    Map<String, ArgoTemplate> templates) {

  /** The arguments every workflow gets from Berth besides the job's own parameters. */
  static final String USER_PARAMETER = "user";

  static final String GPUS_PARAMETER = "gpus";
  /** The job's time limit in seconds, for a step template's {@code activeDeadlineSeconds}. */
  static final String TIME_LIMIT_PARAMETER = "time-limit-seconds";

  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /** A DNS label short enough that {@code <installation>-<job id>} stays a valid pod name prefix. */
  private static final Pattern INSTALLATION = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");
  private static final Pattern UI_URL = Pattern.compile("https?://[^\\s?#]+");

  ArgoExecutorConfig {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
  }

  /**
   * Reads the section; see docs/kubernetes.md for every key and its default.
   *
   * @throws IllegalArgumentException naming the config key that is wrong
   */
  static ArgoExecutorConfig from(PluginConfig config) {
    String namespace = config.getString("namespace", "").trim();
    check(namespace.isEmpty() || NAMESPACE.matcher(namespace).matches(), config, "namespace",
        "a namespace name (lower-case letters, digits and '-')", namespace);
    String kubeconfig = config.getString("kubeconfig", "").trim();
    String context = config.getString("context", "").trim();
    String serviceAccount = config.getString("serviceAccount", "").trim();
    check(serviceAccount.isEmpty() || OBJECT_NAME.matcher(serviceAccount).matches(), config,
        "serviceAccount", "a service account name", serviceAccount);
    Map<String, String> labels = stringMap(config, "labels");
    labels.forEach((k, v) -> {
      check(QUALIFIED_NAME.matcher(k).matches(), config, "labels", "label keys of the form [prefix/]name", k);
      check(LABEL_VALUE.matcher(v).matches(), config, "labels." + k,
          "a label value (at most 63 letters, digits, '-', '_' or '.')", v);
      check(!k.startsWith("berth.dev/"), config, "labels." + k, "a key outside berth.dev/, which Berth sets", k);
    });
    Map<String, String> annotations = stringMap(config, "annotations");
    annotations.keySet().forEach(k ->
        check(QUALIFIED_NAME.matcher(k).matches(), config, "annotations",
            "annotation keys of the form [prefix/]name", k));
    String shutdown = config.getString("shutdown", "Terminate").trim();
    check(shutdown.equals("Terminate") || shutdown.equals("Stop"), config, "shutdown",
        "Terminate or Stop", shutdown);
    PlacementMode placement =
        PlacementMode.parse(config.getString("placement", "auto"), config.path() + ".placement");
    String nodeParameter = config.getString("nodeParameter", "node").trim();
    check(PARAMETER_NAME.matcher(nodeParameter).matches(), config, "nodeParameter",
        "an Argo parameter name (letters, digits, '-' and '_')", nodeParameter);
    long resyncSeconds = config.getLong("resyncSeconds", 60);
    check(resyncSeconds >= 1 && resyncSeconds <= 86_400, config, "resyncSeconds",
        "from 1 to 86400", resyncSeconds);
    long requestTimeoutMillis = config.getLong("requestTimeoutMillis", 10_000);
    check(requestTimeoutMillis >= 100 && requestTimeoutMillis <= 600_000, config,
        "requestTimeoutMillis", "from 100 to 600000", requestTimeoutMillis);
    long connectTimeoutMillis = config.getLong("connectTimeoutMillis", 5_000);
    check(connectTimeoutMillis >= 100 && connectTimeoutMillis <= 600_000, config,
        "connectTimeoutMillis", "from 100 to 600000", connectTimeoutMillis);
    String logContainer = config.getString("logContainer", "main").trim();
    check(NAMESPACE.matcher(logContainer).matches(), config, "logContainer", "a container name",
        logContainer);
    String uiUrl = config.getString("uiUrl", "").trim().replaceAll("/+$", "");
    check(uiUrl.isEmpty() || UI_URL.matcher(uiUrl).matches(), config, "uiUrl",
        "an http:// or https:// address without query or fragment", uiUrl);
    String installation =
        config.getString("installation", WorkflowIdentity.DEFAULT_INSTALLATION).trim();
    check(INSTALLATION.matcher(installation).matches(), config, "installation",
        "a DNS label of at most 40 lower-case letters, digits and '-'", installation);
    long logPollSeconds = config.getLong("logPollSeconds", 5);
    check(logPollSeconds >= 1 && logPollSeconds <= 300, config, "logPollSeconds",
        "from 1 to 300", logPollSeconds);

    Set<String> reserved = new LinkedHashSet<>();
    reserved.add(USER_PARAMETER);
    reserved.add(GPUS_PARAMETER);
    reserved.add(TIME_LIMIT_PARAMETER);
    if (placement == PlacementMode.PARAMETER) {
      reserved.add(nodeParameter);
    }
    Map<String, ArgoTemplate> templates = ArgoTemplates.from(config.section("templates"), reserved);
    return new ArgoExecutorConfig(
        namespace,
        kubeconfig.isEmpty() ? null : Path.of(kubeconfig),
        context.isEmpty() ? null : context,
        serviceAccount.isEmpty() ? null : serviceAccount,
        labels,
        annotations,
        shutdown,
        placement,
        nodeParameter,
        Duration.ofSeconds(resyncSeconds),
        Duration.ofMillis(requestTimeoutMillis),
        Duration.ofMillis(connectTimeoutMillis),
        logContainer,
        uiUrl,
        installation,
        Duration.ofSeconds(logPollSeconds),
        templates);
  }

  private static Map<String, String> stringMap(PluginConfig config, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    config.section(key).values().forEach((k, v) -> {
      check(v != null && !(v instanceof Map<?, ?>) && !(v instanceof Iterable<?>), config, key + "." + k,
          "a single value", v);
      out.put(k, v.toString());
    });
    return out;
  }

  private static void check(boolean ok, PluginConfig config, String key, String expected, Object actual) {
    if (!ok) {
      throw new IllegalArgumentException(
          "config " + config.path() + "." + key + " must be " + expected + ", was '" + actual + "'");
    }
  }
}

package dev.berth.core.host;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.HasSettings;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobListener;
import dev.berth.api.LeaderLease;
import dev.berth.api.PluginContext;
import dev.berth.api.QueueOrder;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceProbe;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import dev.berth.api.UserDirectory;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin jars, builds the extensions named in the config, and reports on every plugin. A
 * plugin that fails to load or start is recorded and the others go on; a missing or ambiguous
 * choice for a single-provider point is a startup error naming the candidates.
 */
public final class PluginHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
  private static final Map<String, Class<?>> POINTS =
      Map.of(
          "QueueStore", QueueStore.class,
          "JobExecutor", JobExecutor.class,
          "ResourceProbe", ResourceProbe.class,
          "AvailabilityPolicy", AvailabilityPolicy.class,
          "QueueOrder", QueueOrder.class,
          "JobListener", JobListener.class,
          "LeaderLease", LeaderLease.class);

  private final BerthConfig config;
  private final BerthPluginManager manager;
  private final Map<Object, Boolean> active = new IdentityHashMap<>();
  private final Map<String, String> extensionErrors = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param settingsSource current settings of a section, for {@link PluginContext#settings()}
   */
  public PluginHost(BerthConfig config, Clock clock, Function<String, Settings> settingsSource) {
    this.config = config;
    try {
      Files.createDirectories(config.pluginsDir());
    } catch (IOException e) {
      throw new UncheckedIOException("plugins directory " + config.pluginsDir() + " is not writable", e);
    }
    this.manager = new BerthPluginManager(config.pluginsDir());
    manager.setSystemVersion(Version.current());
    manager.setContexts(
        pluginId -> {
          Path dir = config.dataDir().resolve(pluginId);
          try {
            Files.createDirectories(dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return new HostPluginContext(pluginId, config.pluginSection(pluginId), settingsSource, clock, dir, () -> users);
        });
  }

  private volatile UserDirectory users = UserDirectory.NONE;

  /**
   * What {@link PluginContext#users()} answers from now on: set once the store is open, before the
   * first event is delivered.
   */
  public void users(UserDirectory directory) {
    this.users = directory;
  }

  /** Loads and starts every plugin in the plugins directory. */
  public void loadAll() {
    manager.loadPlugins();
    manager.startPlugins();
    for (PluginWrapper w : manager.getPlugins()) {
      if (w.getPluginState() == PluginState.FAILED) {
        LOG.error("Plugin {} failed: {}", w.getPluginId(), describe(w.getFailedException()));
      } else {
        LOG.info("Plugin {} {} {}", w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginState());
      }
    }
    manager.loadFailures().forEach((path, error) -> LOG.error("Plugin jar {} did not load: {}", path, error));
  }

  /**
   * Loads and starts one more plugin jar from the plugins directory without a restart. Its
   * extensions become available to {@link #extension}; switching an active single-provider point
   * (the store, the executor) to it still takes a restart, because the running parts hold state.
   *
   * @param jar a jar already saved in the plugins directory
   * @return the plugin as {@link #plugins()} now lists it
   * @throws IllegalArgumentException when it is no plugin, a plugin with its id is loaded already,
   *     or it does not start (it is then unloaded again; the caller removes the jar)
   */
  public synchronized PluginInfo install(Path jar) {
    String id;
    try {
      id = manager.loadPlugin(jar);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not installed: " + describe(e), e);
    }
    if (id == null) {
      throw new IllegalArgumentException("not installed: " + jar.getFileName() + " is not a plugin");
    }
    PluginState state;
    try {
      state = manager.startPlugin(id);
    } catch (RuntimeException e) {
      throw notStarted(id, describe(e));
    }
    if (state != PluginState.STARTED) {
      PluginWrapper w = manager.getPlugin(id);
      throw notStarted(id, w != null && w.getFailedException() != null ? describe(w.getFailedException()) : "it is " + state);
    }
    LOG.info("Installed plugin {} from {}: {}", id, jar.getFileName(), state);
    return plugins().stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("plugin " + id + " vanished after loading"));
  }

  /**
   * Unloads a plugin that did not start, completely (its class loader closed, its id free again),
   * so that nothing of it stays half-loaded and a fixed jar with the same id can be installed.
   */
  private IllegalArgumentException notStarted(String id, String reason) {
    try {
      manager.unloadPlugin(id);
    } catch (RuntimeException e) {
      LOG.warn("Unloading plugin {}, which did not start, failed: {}", id, describe(e));
    }
    LOG.warn("Plugin {} did not start and was unloaded: {}", id, reason);
    return new IllegalArgumentException("plugin '" + id + "' did not start: " + reason + "; it was unloaded, so a fixed "
        + "jar with the same id can be installed");
  }

  /** Builds the configured extensions; fails with a message naming the key and the candidates. */
  public ActiveExtensions activate() {
    var ext = config.extensions();
    ActiveExtensions chosen =
        new ActiveExtensions(
            single(QueueStore.class, "extensions.store", ext.store()),
            single(JobExecutor.class, "extensions.executor", ext.executor()),
            single(ResourceProbe.class, "extensions.probe", ext.probe()),
            all(AvailabilityPolicy.class, "extensions.policies", ext.policies()),
            single(QueueOrder.class, "extensions.order", ext.order()),
            all(JobListener.class, "extensions.listeners", ext.listeners()),
            ext.lease().isEmpty() ? null : single(LeaderLease.class, "extensions.lease", ext.lease()));
    return chosen;
  }

  /**
   * Builds every configured extension as {@link #activate} would, but goes on past a failure: for
   * {@code berth plugins}, which shows what {@code serve} would do.
   *
   * @return one line per extension that could not be built, {@code "<config key>: <reason>"};
   *     empty when {@code serve} would start them all
   */
  public List<String> check() {
    var ext = config.extensions();
    List<String> problems = new ArrayList<>();
    tryBuild(problems, () -> single(QueueStore.class, "extensions.store", ext.store()));
    tryBuild(problems, () -> single(JobExecutor.class, "extensions.executor", ext.executor()));
    tryBuild(problems, () -> single(ResourceProbe.class, "extensions.probe", ext.probe()));
    for (String id : ext.policies()) {
      tryBuild(problems, () -> all(AvailabilityPolicy.class, "extensions.policies", List.of(id)));
    }
    tryBuild(problems, () -> single(QueueOrder.class, "extensions.order", ext.order()));
    for (String id : ext.listeners()) {
      tryBuild(problems, () -> all(JobListener.class, "extensions.listeners", List.of(id)));
    }
    if (!ext.lease().isEmpty()) {
      tryBuild(problems, () -> single(LeaderLease.class, "extensions.lease", ext.lease()));
    }
    return problems;
  }

  private static void tryBuild(List<String> problems, Runnable build) {
    try {
      build.run();
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * The one extension of {@code point} that plugin {@code pluginId} provides, created with its
   * context; for tools and tests that need one part without the whole set.
   */
  public <T> T extension(Class<T> point, String pluginId) {
    return single(point, "plugin " + pluginId, pluginId);
  }

  private <T> T single(Class<T> point, String key, String pluginId) {
    PluginWrapper plugin = manager.getPlugin(pluginId);
    if (plugin == null || manager.getExtensionClasses(point, pluginId).isEmpty()) {
      throw new ConfigException(
          key + ": no plugin '" + pluginId + "' provides " + point.getSimpleName() + "; candidates: "
              + candidates(point) + describeFailure(pluginId));
    }
    if (plugin.getPluginState() != PluginState.STARTED) {
      throw new ConfigException(
          key + ": plugin '" + pluginId + "' is " + plugin.getPluginState() + describeFailure(pluginId));
    }
    List<T> found = create(point, key, pluginId);
    if (found.size() != 1) {
      throw new ConfigException(
          key + ": plugin '" + pluginId + "' provides " + found.size() + " " + point.getSimpleName()
              + " extensions; expected exactly one");
    }
    active.put(found.get(0), Boolean.TRUE);
    return found.get(0);
  }

  private <T> List<Provided<T>> all(Class<T> point, String key, List<String> pluginIds) {
    List<Provided<T>> out = new ArrayList<>();
    for (String id : pluginIds) {
      PluginWrapper plugin = manager.getPlugin(id);
      if (plugin == null || plugin.getPluginState() != PluginState.STARTED) {
        throw new ConfigException(
            key + ": plugin '" + id + "' is not loaded; candidates: " + candidates(point) + describeFailure(id));
      }
      List<T> found = create(point, key, id);
      if (found.isEmpty()) {
        throw new ConfigException(
            key + ": plugin '" + id + "' provides no " + point.getSimpleName() + "; candidates: " + candidates(point));
      }
      for (T f : found) {
        active.put(f, Boolean.TRUE);
        out.add(new Provided<>(id, f));
      }
    }
    return out;
  }

  /**
   * Builds the plugin's extensions of {@code point} through our factory directly: pf4j's own lookup
   * would log a failing constructor and return nothing, losing the reason the user needs.
   */
  private <T> List<T> create(Class<T> point, String key, String pluginId) {
    List<T> out = new ArrayList<>();
    for (Class<? extends T> type : manager.getExtensionClasses(point, pluginId)) {
      try {
        T extension = manager.getExtensionFactory().create(type);
        if (extension instanceof HasSettings h) {
          String problem = h.settingsSchema().ownerProblem(pluginId);
          if (problem != null) {
            throw new IllegalStateException(type.getName() + " " + problem);
          }
        }
        out.add(extension);
      } catch (RuntimeException e) {
        extensionErrors.put(pluginId, describe(e));
        throw new ConfigException(key + ": plugin '" + pluginId + "' could not start: " + describe(e), e);
      }
    }
    return out;
  }

  private String candidates(Class<?> point) {
    Set<String> ids = new TreeSet<>();
    for (PluginWrapper w : manager.getPlugins()) {
      if (!manager.getExtensionClasses(point, w.getPluginId()).isEmpty()) {
        ids.add(w.getPluginId());
      }
    }
    return ids.isEmpty() ? "(none installed)" : String.join(", ", ids);
  }

  private String describeFailure(String pluginId) {
    PluginWrapper w = manager.getPlugin(pluginId);
    if (w != null && w.getFailedException() != null) {
      return " (" + describe(w.getFailedException()) + ")";
    }
    return "";
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return t == root || t.getMessage() == null ? m : t.getMessage() + ": " + m;
  }

  /** The settings sections declared by active extensions. */
  public List<SettingsSchema> declaredSettings() {
    List<SettingsSchema> out = new ArrayList<>();
    for (Object extension : active.keySet()) {
      if (extension instanceof HasSettings h) {
        out.add(h.settingsSchema());
      }
    }
    return out;
  }

  /** Every plugin found, loaded or not, with its extensions and which are active. */
  public List<PluginInfo> plugins() {
    List<PluginInfo> out = new ArrayList<>();
    Set<String> activeClasses = new java.util.HashSet<>();
    active.keySet().forEach(o -> activeClasses.add(o.getClass().getName()));
    for (PluginWrapper w : manager.getPlugins()) {
      List<PluginInfo.ExtensionInfo> extensions = new ArrayList<>();
      for (var point : POINTS.entrySet()) {
        for (Class<?> c : manager.getExtensionClasses(point.getValue(), w.getPluginId())) {
          extensions.add(new PluginInfo.ExtensionInfo(point.getKey(), c.getName(), activeClasses.contains(c.getName())));
        }
      }
      extensions.sort(java.util.Comparator.comparing(PluginInfo.ExtensionInfo::point));
      String error =
          w.getFailedException() != null ? describe(w.getFailedException()) : extensionErrors.get(w.getPluginId());
      String state = error != null ? "FAILED" : w.getPluginState().toString();
      out.add(
          new PluginInfo(
              w.getPluginId(),
              w.getDescriptor().getVersion(),
              w.getDescriptor().getProvider(),
              w.getDescriptor().getPluginDescription(),
              state,
              error,
              w.getPluginPath().getFileName().toString(),
              extensions));
    }
    manager
        .loadFailures()
        .forEach(
            (path, error) ->
                out.add(
                    new PluginInfo(
                        path.getFileName().toString(), null, null, null, "FAILED", error,
                        path.getFileName().toString(), List.of())));
    out.sort(java.util.Comparator.comparing(PluginInfo::id));
    return out;
  }

  /** Closes every extension that holds resources, then stops the plugins. */
  @Override
  public void close() {
    for (Object extension : manager.createdExtensions()) {
      if (extension instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("Closing {} failed: {}", extension.getClass().getName(), e.toString());
        }
      }
    }
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}

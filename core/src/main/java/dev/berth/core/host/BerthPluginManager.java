package dev.berth.core.host;

import dev.berth.api.PluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * pf4j's manager with three changes: extensions are built by {@link ContextExtensionFactory};
 * only jars and zips are plugins (never development folders); and a jar that fails to load is
 * remembered so the API can show it instead of it vanishing into a log line.
 */
final class BerthPluginManager extends DefaultPluginManager {
  private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();
  private volatile Function<String, PluginContext> contexts;
  private ContextExtensionFactory factory;

  BerthPluginManager(Path pluginsDir) {
    super(pluginsDir);
  }

  void setContexts(Function<String, PluginContext> contexts) {
    this.contexts = contexts;
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new CompoundPluginRepository()
        .add(new JarPluginRepository(getPluginsRoots()))
        .add(new DefaultPluginRepository(getPluginsRoots()));
  }

  @Override
  protected ExtensionFactory createExtensionFactory() {
    // Called from pf4j's constructor, before this class's fields exist: resolve lazily.
    factory =
        new ContextExtensionFactory(
            type -> {
              PluginWrapper owner = whichPlugin(type);
              return contexts.apply(owner == null ? "system" : owner.getPluginId());
            });
    return factory;
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path pluginPath) {
    try {
      PluginWrapper wrapper = super.loadPluginFromPath(pluginPath);
      loadFailures.remove(pluginPath);
      return wrapper;
    } catch (RuntimeException e) {
      loadFailures.put(pluginPath, e.getMessage() == null ? e.toString() : e.getMessage());
      throw e;
    }
  }

  Map<Path, String> loadFailures() {
    return Map.copyOf(loadFailures);
  }

  List<Object> createdExtensions() {
    List<Object> out = new java.util.ArrayList<>();
    factory.created().forEach(out::add);
    return out;
  }
}

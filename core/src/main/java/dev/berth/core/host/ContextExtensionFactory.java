package dev.berth.core.host;

import dev.berth.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;

/**
 * Creates each extension once, handing it its plugin's {@link PluginContext} through the
 * constructor. pf4j's default factory would create a new instance on every lookup, which would open
 * a store twice.
 */
final class ContextExtensionFactory implements ExtensionFactory {
  private final Function<Class<?>, PluginContext> contextOf;
  private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

  ContextExtensionFactory(Function<Class<?>, PluginContext> contextOf) {
    this.contextOf = contextOf;
  }

  @Override
  public <T> T create(Class<T> extensionClass) {
    return extensionClass.cast(instances.computeIfAbsent(extensionClass, this::instantiate));
  }

  private Object instantiate(Class<?> type) {
    try {
      for (Constructor<?> c : type.getConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == PluginContext.class) {
          return c.newInstance(contextOf.apply(type));
        }
      }
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new PluginRuntimeException(cause, "{} failed to start: {}", type.getName(), cause.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new PluginRuntimeException(
          e, "{} needs a public constructor taking PluginContext (or none)", type.getName());
    }
  }

  /** Every instance created so far, for closing at shutdown. */
  Iterable<Object> created() {
    return instances.values();
  }
}

package dev.berth.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that a typed fabric8 object did not recognise. The models accept any field and keep
 * the unknown ones in {@code additionalProperties}; Kubernetes would drop them (or reject them), so
 * each one is a typo in a template, such as {@code readOnlyRootFileSystem}.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** Paths such as "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem". */
  static List<String> in(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  private static void walk(Object node, String path, List<String> found) {
    if (node == null || node instanceof GenericKubernetesResource) {
      return; // custom kinds have no model to check against
    }
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found));
      return;
    }
    if (!(node instanceof KubernetesResource)) {
      return; // strings, numbers, Quantity, IntOrString…
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      if (name.equals("additionalProperties") && value instanceof Map<?, ?> extra) {
        extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
      } else {
        walk(value, join(path, name), found);
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

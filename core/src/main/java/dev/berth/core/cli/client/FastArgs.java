package dev.berth.core.cli.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fills a client command's picocli-annotated fields from plain arguments without starting picocli.
 * picocli's classes are compiled for Java 5, so the JVM verifies them the slow way and cannot keep
 * them in the class data sharing archive; building its model costs a client command about as much
 * as everything else together (docs/performance.md). This reads the same annotations and handles
 * the plain cases: {@code --opt value}, {@code --opt=value}, {@code -o value}, flags, repeated
 * options, positional parameters and one exclusive group. Anything else (a typo, a missing
 * argument, {@code --help}, clustered short options, {@code --}) is declined, and the caller runs
 * picocli, which gives the usual messages; {@code FastArgsTest} checks both agree.
 */
final class FastArgs {
  private static final String NO_DEFAULT = "__no_default_value__";

  /**
   * An option's field and the object that holds it (the command, or its group). A class, not a
   * record: identity is what the sets need, and a record's hashCode starts method handles.
   */
  private static final class Target {
    private final Object owner;
    private final Field field;
    private final String group;

    Target(Object owner, Field field, String group) {
      this.owner = owner;
      this.field = field;
      this.group = group;
    }

    Object owner() {
      return owner;
    }

    Field field() {
      return field;
    }

    String group() {
      return group;
    }
  }

  private final Map<String, Target> options = new HashMap<>();
  private final List<Target> positional = new ArrayList<>();
  private final List<Target> defaults = new ArrayList<>();

  private FastArgs(Object command) throws IllegalAccessException {
    for (Class<?> c = command.getClass(); c != Object.class; c = c.getSuperclass()) {
      scan(command, c, null);
    }
  }

  /** @return whether {@code args} were understood and the fields filled; false: let picocli parse */
  static boolean fill(Object command, String[] args) {
    try {
      return new FastArgs(command).apply(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private void scan(Object owner, Class<?> type, String group) throws IllegalAccessException {
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Option o = f.getAnnotation(Option.class);
      Parameters p = f.getAnnotation(Parameters.class);
      ArgGroup g = f.getAnnotation(ArgGroup.class);
      if (o != null) {
        f.setAccessible(true);
        Target t = new Target(owner, f, group);
        for (String name : o.names()) {
          options.put(name, t);
        }
        if (!NO_DEFAULT.equals(o.defaultValue())) {
          defaults.add(t);
        }
      } else if (p != null) {
        f.setAccessible(true);
        positional.add(new Target(owner, f, null));
      } else if (g != null) {
        if (!g.exclusive()) {
          throw new IllegalArgumentException("only exclusive groups");
        }
        f.setAccessible(true);
        Object member = f.get(owner);
        scan(member, member.getClass(), f.getName());
      }
    }
  }

  private boolean apply(String[] args) throws IllegalAccessException {
    Set<Target> given = new HashSet<>();
    Set<String> groupsUsed = new HashSet<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("-") && a.length() > 1) {
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        Target t = options.get(name);
        if (t == null) {
          return false;
        }
        if (given.contains(t) && !List.class.isAssignableFrom(t.field().getType())) {
          return false; // picocli says it may be given only once
        }
        if (t.group() != null && !groupsUsed.add(t.group())) {
          return false; // two options of an exclusive group: picocli says which
        }
        if (t.field().getType() == boolean.class) {
          if (value != null) {
            return false;
          }
          t.field().setBoolean(t.owner(), true);
        } else {
          if (value == null) {
            if (i + 1 >= args.length) {
              return false;
            }
            value = args[++i];
          }
          if (!set(t, value, given.contains(t))) {
            return false;
          }
        }
        given.add(t);
      } else {
        values.add(a);
      }
    }
    for (Target t : defaults) {
      if (!given.contains(t) && !set(t, t.field().getAnnotation(Option.class).defaultValue(), false)) {
        return false;
      }
    }
    return positionals(values);
  }

  private boolean positionals(List<String> values) throws IllegalAccessException {
    if (positional.size() != 1) {
      return positional.isEmpty() && values.isEmpty();
    }
    Target t = positional.get(0);
    Parameters p = t.field().getAnnotation(Parameters.class);
    if (List.class.isAssignableFrom(t.field().getType())) {
      if (values.isEmpty() && p.arity().startsWith("1")) {
        return false;
      }
      t.field().set(t.owner(), new ArrayList<>(values));
      return true;
    }
    boolean optional = p.arity().startsWith("0");
    if (values.size() > 1 || (values.isEmpty() && !optional)) {
      return false;
    }
    if (!values.isEmpty()) {
      t.field().set(t.owner(), values.get(0));
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static boolean set(Target t, String value, boolean again) throws IllegalAccessException {
    Class<?> type = t.field().getType();
    if (List.class.isAssignableFrom(type)) {
      List<String> list = again ? (List<String>) t.field().get(t.owner()) : new ArrayList<>();
      list.add(value);
      t.field().set(t.owner(), list);
      return true;
    }
    if (type == String.class) {
      t.field().set(t.owner(), value);
      return true;
    }
    if (type == int.class || type == Integer.class) {
      try {
        t.field().set(t.owner(), Integer.valueOf(value.trim()));
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }
}

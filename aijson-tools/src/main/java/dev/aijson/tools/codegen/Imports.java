package dev.aijson.tools.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The imports of the generated file: one class per simple name, the rest fully qualified. */
final class Imports {
  private final String packageName;
  private final Map<String, String> bySimpleName = new HashMap<>();
  private final Set<String> imported = new TreeSet<>();

  Imports(String packageName, String className) {
    this.packageName = packageName;
    bySimpleName.put(className, (packageName.isEmpty() ? "" : packageName + ".") + className);
  }

  /** Reserves the simple name of {@code qualified} for it, to be imported once used. */
  void claim(String qualified) {
    bySimpleName.putIfAbsent(qualified.substring(qualified.lastIndexOf('.') + 1), qualified);
  }

  /** Returns how the source names the top-level class {@code qualified}. */
  String use(String qualified) {
    int dot = qualified.lastIndexOf('.');
    String simple = qualified.substring(dot + 1);
    String owner = dot < 0 ? "" : qualified.substring(0, dot);
    String holder = bySimpleName.get(simple);
    if (holder == null) {
      // an import would hide java.lang's class of that name from every other use in the file
      if (!owner.equals("java.lang") && isJavaLang(simple)) {
        return qualified;
      }
      bySimpleName.put(simple, qualified);
      holder = qualified;
    }
    if (!holder.equals(qualified)) {
      return qualified;
    }
    if (!owner.equals("java.lang") && !owner.equals(packageName)) {
      imported.add(qualified);
    }
    return simple;
  }

  private static boolean isJavaLang(String simple) {
    try {
      Class.forName("java.lang." + simple, false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  List<String> sorted() {
    return new ArrayList<>(imported);
  }
}

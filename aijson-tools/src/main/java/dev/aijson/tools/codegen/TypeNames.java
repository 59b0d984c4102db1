package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;

/** How the generated class names types and members, and which ones its package cannot reach. */
final class TypeNames {
  private final String packageName;
  private final Imports imports;
  private final Problems problems;

  TypeNames(String packageName, Imports imports, Problems problems) {
    this.packageName = packageName;
    this.imports = imports;
    this.problems = problems;
  }

  /** Returns the source form of {@code type}, importing what it names. */
  String typeName(Type type, AiJsonVar var, String pointer) {
    if (type instanceof Class<?> cls) {
      if (cls.isArray()) {
        return typeName(cls.getComponentType(), var, pointer) + "[]";
      }
      if (cls.isPrimitive()) {
        return cls.getName();
      }
      if (cls.getCanonicalName() == null || cls.isHidden()) {
        problems.add(pointer, var.label() + ": " + cls.getName() + " is a local, anonymous or"
            + " hidden class, which Java source cannot name. Make it a named class.");
        return "Object";
      }
      checkAccess(cls, var, pointer);
      return typeName(cls);
    }
    if (type instanceof ParameterizedType parameterized) {
      List<String> arguments = new ArrayList<>();
      for (Type argument : parameterized.getActualTypeArguments()) {
        arguments.add(typeName(argument, var, pointer));
      }
      return typeName(parameterized.getRawType(), var, pointer) + "<"
          + String.join(", ", arguments) + ">";
    }
    if (type instanceof GenericArrayType array) {
      return typeName(array.getGenericComponentType(), var, pointer) + "[]";
    }
    if (type instanceof WildcardType wildcard) {
      if (wildcard.getLowerBounds().length > 0) {
        return "? super " + typeName(wildcard.getLowerBounds()[0], var, pointer);
      }
      Type upper = wildcard.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper, var, pointer);
    }
    return typeName(AiJsonTypes.rawType(type), var, pointer);
  }

  /** Returns the name of an accessible, named class: imported where its simple name is free. */
  String typeName(Class<?> cls) {
    Class<?> top = cls;
    while (top.getDeclaringClass() != null) {
      top = top.getDeclaringClass();
    }
    String topName = imports.use(top.getName().replace('$', '.'));
    return topName + cls.getCanonicalName().substring(top.getCanonicalName().length());
  }

  void checkAccess(Class<?> cls, AiJsonVar var, String pointer) {
    for (Class<?> c = cls; c != null; c = c.getDeclaringClass()) {
      if (c.isArray() || c.isPrimitive()) {
        return;
      }
      int modifiers = c.getModifiers();
      if (Modifier.isPrivate(modifiers) || !Modifier.isPublic(modifiers) && !samePackage(c)) {
        problems.add(pointer, var.label() + ": " + c.getName() + " is " + visibility(modifiers)
            + ", so the generated class in package "
            + (packageName.isEmpty() ? "(default)" : packageName) + " cannot name it. Make it"
            + " public, or generate into " + (c.getPackageName().isEmpty() ? "the default package"
            : "package " + c.getPackageName()) + ".");
        return;
      }
    }
  }

  /** Checks the constructor or method a var calls: a problem of its {@code caller}. */
  void checkAccess(Executable executable, AiJsonVar var) {
    checkAccess(executable, var, var.pointer() + "/caller");
  }

  void checkAccess(Member member, AiJsonVar var, String pointer) {
    checkAccess(member.getDeclaringClass(), var, pointer);
    if (!isAccessible(member)) {
      String what = member instanceof Constructor<?> ? "the constructor" : member instanceof Field
          ? "the field " + member.getName() : "the method " + member.getName();
      problems.add(pointer, var.label() + ": " + what + " of "
          + member.getDeclaringClass().getName() + " is " + visibility(member.getModifiers())
          + ", so the generated class cannot use it. Make it public, or generate into package "
          + member.getDeclaringClass().getPackageName() + ".");
    }
  }

  boolean isAccessible(Member member) {
    int modifiers = member.getModifiers();
    return Modifier.isPublic(modifiers)
        || !Modifier.isPrivate(modifiers) && samePackage(member.getDeclaringClass());
  }

  private boolean samePackage(Class<?> c) {
    return c.getPackageName().equals(packageName);
  }

  private static String visibility(int modifiers) {
    return Modifier.isPrivate(modifiers) ? "private" : Modifier.isProtected(modifiers)
        ? "protected" : Modifier.isPublic(modifiers) ? "public" : "package-private";
  }
}

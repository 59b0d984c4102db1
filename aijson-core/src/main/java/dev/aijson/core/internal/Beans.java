package dev.aijson.core.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.CacheProvider;
import com.fasterxml.jackson.databind.cfg.DefaultCacheProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LookupCache;
import com.fasterxml.jackson.databind.util.TypeKey;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Configuration beans: classes whose state Jackson Databind maps to properties, through getters
 * and setters or a {@code @JsonCreator} constructor. A bean is written inline as a JSON object of
 * its properties (in alphabetical order, or its {@code @JsonPropertyOrder}) and read back by its
 * declared type through Jackson, with polymorphic type handling off.
 *
 * <p>Jackson's own introspection decides what the properties are; this class only checks that a
 * round trip loses nothing: every property that can be read can be set and every one that can be
 * set can be read, every instance field is a property, and the class can be made (a no-argument
 * constructor or a creator). A class that fails a check is not a bean, and {@link Shape#lossy}
 * says why, for the message that tells the user it is recorded as an opaque var instead.
 */
public final class Beans {
  private static final Set<String> PLATFORM =
      Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "com.google.inject.",
          "com.fasterxml.jackson.", "dev.aijson.core.");

  /**
   * Jackson for looking at classes, with caches that keep nothing: aijson may be loaded once for
   * many applications (a container's or a cluster's shared libraries, each application with a
   * class loader of its own), and a cache of a mapper aijson holds would keep every class it has
   * seen, and so each application's class loader, for as long as aijson is loaded.
   */
  private static final ObjectMapper UNCACHED = mapper(new Uncached());

  /**
   * Jackson for making the beans of one class, with its caches (the class's deserializer, its
   * properties' types), kept by the class itself: they go with it, and a class of an application
   * keeps nothing of another's.
   */
  private static final ClassValue<ObjectMapper> MAKERS = new ClassValue<>() {
    @Override
    protected ObjectMapper computeValue(Class<?> type) {
      return mapper(DefaultCacheProvider.defaultInstance());
    }
  };

  /** Returns Jackson configured for beans (strict, ordered, and never polymorphic) with {@code caches}. */
  private static ObjectMapper mapper(CacheProvider caches) {
    return JsonMapper.builder()
        .cacheProvider(caches)
        // without it the mapper's configurations keep Jackson's default type factory, whose
        // cache every mapper of this Jackson shares
        .typeFactory(TypeFactory.defaultInstance().withCache(caches.forTypeFactory()))
        .annotationIntrospector(new Introspector())
        .polymorphicTypeValidator(new DenyAll())
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.INFER_PROPERTY_MUTATORS)
        .disable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
        .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  private static final Shape NOT_A_BEAN = new Shape(List.of(), null);

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      if (!isCandidate(type)) {
        return NOT_A_BEAN;
      }
      try {
        return shapeOf(type);
      } catch (RuntimeException | LinkageError e) {
        // a class Jackson cannot introspect (a missing dependency, a conflicting property) is
        // not a bean; if it looked like one, say why
        return new Shape(List.of(), "Jackson cannot introspect it (" + e + ")");
      }
    }
  };

  private Beans() {}

  /**
   * One property of a bean.
   *
   * @param name its name in JSON
   * @param accessor the getter or field that reads it, opened
   * @param type the declared (generic) type of what sets it: the creator parameter, setter or field
   * @param mutator what sets it: the creator (constructor or static factory method), the setter
   *     method or the field
   * @param creatorIndex its parameter's position in the creator, or -1 if it is set otherwise
   */
  public record Property(String name, AnnotatedMember accessor, Type type, java.lang.reflect.Member mutator,
      int creatorIndex) {
    /** Returns the property's value in {@code bean}; throws what the getter throws. */
    public Object read(Object bean) {
      return accessor.getValue(bean);
    }
  }

  /**
   * What a class is as a bean.
   *
   * @param properties its properties in the order they are written, empty if it is not a bean
   * @param lossy why a class that looks like a bean (it has a property that can be read and set)
   *     is not one, for a message; null if it is a bean or looks like none
   */
  public record Shape(List<Property> properties, String lossy) {
    /** Returns whether the class is a bean. */
    public boolean isBean() {
      return !properties.isEmpty();
    }
  }

  /** Returns what {@code type} is as a bean, worked out once per class. */
  public static Shape shape(Class<?> type) {
    // asked for every value the recorder encodes: one lookup, the checks done once per class
    return SHAPES.get(type);
  }

  /** Returns whether {@code type} is a bean. */
  public static boolean isBean(Class<?> type) {
    return shape(type).isBean();
  }

  /**
   * Returns the bean of class {@code type} with the property values {@code properties} (Java
   * values, by property name), made by Jackson through its creator or no-argument constructor and
   * setters.
   *
   * @throws IllegalArgumentException with Jackson's message if Jackson cannot make it
   */
  public static Object create(Type type, Map<String, Object> properties) {
    // a generic bean's type arguments may be classes of another loader than its own class's: its
    // class's caches would keep them, so it is made by a mapper of its own (a mapper keeps the
    // deserializer of each type it has converted to, whatever its caches)
    ObjectMapper mapper = type instanceof Class<?> raw ? MAKERS.get(raw) : mapper(new Uncached());
    JavaType javaType = mapper.getTypeFactory().constructType(type);
    return mapper.convertValue(properties, javaType);
  }

  /** Returns whether {@code type} may be a bean at all, before Jackson looks at it. */
  private static boolean isCandidate(Class<?> type) {
    if (type.isPrimitive() || type.isArray() || type.isInterface() || type.isEnum()
        || type.isRecord() || type.isAnnotation() || type.isAnonymousClass() || type.isLocalClass()
        || type.isHidden() || type.isSynthetic() || Modifier.isAbstract(type.getModifiers())
        || type.isMemberClass() && !Modifier.isStatic(type.getModifiers())
        || type.getName().contains("$$")) {
      return false;
    }
    String name = type.getName();
    for (String platform : PLATFORM) {
      if (name.startsWith(platform)) {
        return false;
      }
    }
    // a Guice module holds configuration, but it is recorded as a module var, never inline
    return !ReplaySecurity.implementsModule(type);
  }

  private static Shape shapeOf(Class<?> type) {
    JavaType javaType = UNCACHED.constructType(type);
    BeanDescription read = UNCACHED.getSerializationConfig().introspect(javaType);
    BeanDescription write = UNCACHED.getDeserializationConfig().introspect(javaType);
    Map<String, BeanPropertyDefinition> settable = new LinkedHashMap<>();
    for (BeanPropertyDefinition definition : write.findProperties()) {
      if (definition.hasConstructorParameter() || definition.hasSetter() || definition.hasField()) {
        settable.put(definition.getName(), definition);
      }
    }
    List<String> lossy = new ArrayList<>();
    List<Property> properties = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    boolean roundTrips = false;
    for (BeanPropertyDefinition definition : read.findProperties()) {
      if (!definition.couldSerialize()) {
        continue;
      }
      names.add(definition.getName());
      names.add(definition.getInternalName());
      BeanPropertyDefinition setter = settable.get(definition.getName());
      if (setter == null) {
        lossy.add("property \"" + definition.getName() + "\" can be read but has no setter or"
            + " creator parameter, so replay could not set it");
        continue;
      }
      roundTrips = true;
      AnnotatedMember accessor = definition.getAccessor();
      accessor.fixAccess(true);
      AnnotatedParameter parameter = setter.getConstructorParameter();
      java.lang.reflect.Member mutator = parameter != null ? (java.lang.reflect.Member) parameter.getOwner().getAnnotated()
          : setter.hasSetter() ? setter.getSetter().getAnnotated() : setter.getField().getAnnotated();
      properties.add(new Property(definition.getName(), accessor, declaredType(setter), mutator,
          parameter != null ? parameter.getIndex() : -1));
    }
    for (String name : settable.keySet()) {
      if (!names.contains(name)) {
        lossy.add("property \"" + name + "\" can be set but has no getter, so its value would"
            + " not be seen");
      }
    }
    if (!roundTrips) {
      return NOT_A_BEAN; // no property both read and set: not a bean, and not meant as one
    }
    if (write.findDefaultConstructor() == null && !hasCreator(write)) {
      lossy.add("it has neither a no-argument constructor nor a @JsonCreator, so Jackson could"
          + " not make it");
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
            && !names.contains(field.getName())) {
          lossy.add("field \"" + field.getName() + "\" is not a property, so its value would be"
              + " lost");
        }
      }
    }
    for (String ignored : read.getIgnoredPropertyNames()) {
      lossy.add("property \"" + ignored + "\" is ignored by Jackson (@JsonIgnore)");
    }
    if (!lossy.isEmpty()) {
      return new Shape(List.of(), String.join("; ", lossy));
    }
    return new Shape(List.copyOf(properties), null);
  }

  private static boolean hasCreator(BeanDescription description) {
    return !description.getConstructorsWithMode().isEmpty()
        || !description.getFactoryMethodsWithMode().isEmpty();
  }

  /** Returns the generic type of what sets a property: creator parameter, setter, else field. */
  private static Type declaredType(BeanPropertyDefinition definition) {
    AnnotatedParameter parameter = definition.getConstructorParameter();
    if (parameter != null && parameter.getOwner().getAnnotated() instanceof Executable executable) {
      return executable.getGenericParameterTypes()[parameter.getIndex()];
    }
    if (definition.hasSetter()) {
      return definition.getSetter().getAnnotated().getGenericParameterTypes()[0];
    }
    return definition.getField().getAnnotated().getGenericType();
  }

  /**
   * Jackson's annotations with polymorphic type handling taken out ({@code @JsonTypeInfo} and
   * {@code @JsonSubTypes} are ignored: a document never names the class to make), and creator
   * parameters named by their names in the class file where it was compiled with
   * {@code -parameters}, as Jackson's parameter-names module does.
   */
  private static final class Introspector extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass type,
        JavaType baseType) {
      return null;
    }

    @Override
    public TypeResolverBuilder<?> findPropertyTypeResolver(MapperConfig<?> config,
        AnnotatedMember member, JavaType baseType) {
      return null;
    }

    @Override
    public TypeResolverBuilder<?> findPropertyContentTypeResolver(MapperConfig<?> config,
        AnnotatedMember member, JavaType containerType) {
      return null;
    }

    @Override
    public List<NamedType> findSubtypes(Annotated annotated) {
      return null;
    }

    @Override
    public String findImplicitPropertyName(AnnotatedMember member) {
      if (member instanceof AnnotatedParameter parameter
          && parameter.getOwner().getAnnotated() instanceof Executable executable) {
        Parameter[] parameters = executable.getParameters();
        int index = parameter.getIndex();
        if (index < parameters.length && parameters[index].isNamePresent()
            && !(executable instanceof Constructor<?> constructor && constructor.getDeclaringClass().isRecord())) {
          return parameters[index].getName();
        }
      }
      return super.findImplicitPropertyName(member);
    }
  }

  /** Jackson's caches, each keeping nothing. */
  private static final class Uncached implements CacheProvider {
    private static final long serialVersionUID = 1L;

    @Override
    public LookupCache<JavaType, JsonDeserializer<Object>> forDeserializerCache(DeserializationConfig config) {
      return new Nothing<>();
    }

    @Override
    public LookupCache<TypeKey, JsonSerializer<Object>> forSerializerCache(SerializationConfig config) {
      return new Nothing<>();
    }

    @Override
    public LookupCache<Object, JavaType> forTypeFactory() {
      return new Nothing<>();
    }
  }

  /** A cache that keeps nothing: every lookup misses, and what is put is let go. */
  private static final class Nothing<K, V> implements LookupCache<K, V> {
    @Override
    public int size() {
      return 0;
    }

    @Override
    public V get(Object key) {
      return null;
    }

    @Override
    public V put(K key, V value) {
      return null;
    }

    @Override
    public V putIfAbsent(K key, V value) {
      return null;
    }

    @Override
    public void clear() {}

    @Override
    public void contents(BiConsumer<K, V> consumer) {}

    @Override
    public LookupCache<K, V> emptyCopy() {
      return new Nothing<>();
    }
  }

  /** Refuses every polymorphic subtype: no document value names a class. */
  private static final class DenyAll extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
      return Validity.DENIED;
    }
  }
}

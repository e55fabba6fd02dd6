package io.rivulet.runtime.serialization;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

/**
 * The classes a Java-serialized job graph may name, checked while it is read: Java serialization stays only for
 * the graph (user closures, as in Flink), and reading it must not instantiate anything else that happens to be on the
 * class path (a "gadget" whose deserialization does harm). A class is admitted when it is
 * <ul>
 *   <li>Rivulet's own ({@code io.rivulet.*}): the graph model of the API, built-in operators and connectors;
 *   <li>one of the JDK types a graph legitimately holds: boxed primitives, strings, big numbers, {@code java.time}
 *       values, the common and concurrent collections (and their unmodifiable, empty and singleton views),
 *       serializable lambdas ({@code SerializedLambda}), {@code Random}, regular expressions, atomics;
 *   <li>Avro's record bases, {@code Utf8} and serialized schemas (Avro records are a native record type);
 *   <li>defined by the job's own class loader ({@code jobClasses}): the classes of its JAR, or, for a job built in
 *       the same JVM without a JAR (an embedded run), the classes of the application that built it;
 *   <li>an array of admitted classes or of primitives;
 *   <li>an interface or a class that is not {@code Serializable}: the stream can only name it (a {@code Class} value,
 *       such as a serializer's record type), never create an instance of it.
 * </ul>
 * Everything else, proxies included, is refused before an instance of it exists. One instance reads one stream: it
 * remembers the first class it refused, for the error message.
 */
public final class JobGraphFilter implements ObjectInputFilter {
  private static final String RIVULET = "io.rivulet.";
  /** Whole packages or nested-class families of immutable values and plain collections. */
  private static final List<String> JDK_PREFIXES = List.of("java.time.", "java.util.Collections$",
      "java.util.ImmutableCollections$");
  private static final Set<String> ADMITTED_CLASSES = Set.of(
      "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Enum", "java.lang.Boolean",
      "java.lang.Byte", "java.lang.Short", "java.lang.Character", "java.lang.Integer", "java.lang.Long",
      "java.lang.Float", "java.lang.Double",
      "java.lang.invoke.SerializedLambda",
      "java.math.BigInteger", "java.math.BigDecimal", "java.math.RoundingMode",
      // collections: their readObject only hashes, compares or stores elements, which pass this filter themselves
      "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
      "java.util.Vector", "java.util.Stack", "java.util.PriorityQueue",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap",
      "java.util.IdentityHashMap", "java.util.Hashtable", "java.util.Properties",
      "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet$SerializationProxy",
      "java.util.CollSer", "java.util.BitSet", "java.util.UUID", "java.util.Locale", "java.util.Date",
      "java.util.Random",
      "java.util.Comparators$NaturalOrderComparator", "java.util.Comparators$NullComparator",
      "java.util.regex.Pattern",
      "java.util.concurrent.TimeUnit", "java.util.concurrent.ConcurrentHashMap",
      "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
      "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque",
      "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
      "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.LinkedBlockingQueue",
      "java.util.concurrent.LinkedBlockingDeque",
      "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicInteger",
      "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.atomic.AtomicReference",
      "java.util.concurrent.atomic.AtomicIntegerArray", "java.util.concurrent.atomic.AtomicLongArray",
      "java.net.URI",
      // Avro records are Rivulet's own record type (DESIGN: supported natively): the bases of generated records and
      // fixeds, Avro's string and a schema's serialized form; each reads itself through Avro's decoder, nothing else
      "org.apache.avro.specific.SpecificRecordBase", "org.apache.avro.specific.SpecificFixed",
      "org.apache.avro.util.Utf8", "org.apache.avro.Schema$SerializableSchema");
  // not java.net.URL: its hashCode resolves the host name (a classic gadget); java.net.URI holds the same text

  private final ClassLoader jobClasses;
  /** Written and read by the thread that reads the stream. */
  private Class<?> refused;

  /** @param jobClasses the loader that defines the job's own classes; null for a job of Rivulet's built-ins only */
  public JobGraphFilter(ClassLoader jobClasses) {
    this.jobClasses = jobClasses;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    Class<?> c = info.serialClass();
    if (c == null) {
      return Status.UNDECIDED; // a check of depth or size only: no limits beyond the JVM's
    }
    if (admits(c)) {
      return Status.ALLOWED;
    }
    if (refused == null) {
      refused = c;
    }
    return Status.REJECTED;
  }

  /** Whether a graph may name {@code c}. */
  public boolean admits(Class<?> c) {
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive()) {
      return true;
    }
    if (Proxy.isProxyClass(c)) {
      return false; // an invocation handler would run on every call of the proxy's interfaces
    }
    if (c.isInterface() || !Serializable.class.isAssignableFrom(c)) {
      return true; // only named, as a Class value (e.g. a serializer's record type): never instantiated, nothing runs
    }
    if (jobClasses != null && c.getClassLoader() == jobClasses) {
      return true;
    }
    String name = c.getName();
    if (name.startsWith(RIVULET)) {
      return true;
    }
    if (ADMITTED_CLASSES.contains(name)) {
      return true;
    }
    for (String prefix : JDK_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The first class refused while reading, or null. */
  public Class<?> refused() {
    return refused;
  }

  /** Why {@link #refused()} was refused, for the error of a graph that named it. */
  String explain() {
    return "the job graph names class " + refused.getName() + ", which a job graph may not hold: only"
        + " Rivulet's own classes (io.rivulet.*), plain JDK values and collections, Avro records, serializable lambdas"
        + " and "
        + (jobClasses == null ? "nothing else (the job has no JAR)" : "the classes of the job's JAR")
        + " are read. Keep other objects out of functions' fields (mark them transient and create them in open())";
  }
}

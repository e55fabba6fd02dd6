package io.rivulet.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility.Kind;
import io.rivulet.api.serialization.TypeSerializerSnapshots;
import io.rivulet.api.serialization.Types;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade as it really happens: the same class names in two versions of a job JAR, each in its own class
 * loader. Version 1 writes data and a snapshot; version 2 reads the snapshot with its class loader and restores
 * the data. Evolution here is nested: an enum field reordered, and a field of a nested record added.
 */
class ClassLoaderEvolutionTest {
  private static final String V1_STATUS = "package shop; public enum Status { OPEN, CLOSED }";
  private static final String V2_STATUS = "package shop; public enum Status { CANCELLED, CLOSED, OPEN }";
  private static final String V1_ITEM = "package shop; @io.rivulet.api.serialization.GenerateSerializer\n"
      + "public record Item(String sku, int qty) {}";
  private static final String V2_ITEM = "package shop; @io.rivulet.api.serialization.GenerateSerializer\n"
      + "public record Item(String sku, double price, int qty) {}";
  private static final String V3_ITEM = "package shop; @io.rivulet.api.serialization.GenerateSerializer\n"
      + "public record Item(String sku, long qty) {}";
  private static final String ORDER = "package shop; @io.rivulet.api.serialization.GenerateSerializer\n"
      + "public record Order(String id, Status status, Item item, java.util.List<Item> lines) {}";

  @TempDir
  Path dir;
  private byte[] data;
  private byte[] snapshot;

  private URLClassLoader version(String name, String status, String item) throws IOException {
    TestCompiler.Result r = TestCompiler.compile(dir.resolve(name),
        Map.of("shop/Status.java", status, "shop/Item.java", item, "shop/Order.java", ORDER));
    assertThat(r.success()).as(r.describe()).isTrue();
    return r.loader();
  }

  @SuppressWarnings("unchecked")
  private static TypeSerializer<Object> serializer(ClassLoader loader, String name) throws ClassNotFoundException {
    return (TypeSerializer<Object>) Types.of(loader.loadClass(name));
  }

  /** Version 1 writes two orders and the snapshot of its serializer. */
  @BeforeEach
  @SuppressWarnings({"unchecked", "rawtypes"})
  void writeWithVersion1() throws Exception {
    try (URLClassLoader v1 = version("v1", V1_STATUS, V1_ITEM)) {
      Class<?> status = v1.loadClass("shop.Status");
      Class<?> item = v1.loadClass("shop.Item");
      Object a = item.getConstructor(String.class, int.class).newInstance("a", 2);
      Object b = item.getConstructor(String.class, int.class).newInstance("b", 3);
      Object closed = Enum.valueOf((Class) status, "CLOSED");
      Object order = v1.loadClass("shop.Order").getConstructor(String.class, status, item, List.class)
          .newInstance("o1", closed, a, List.of(b));
      TypeSerializer<Object> s = serializer(v1, "shop.Order");
      DataOutputSerializer out = new DataOutputSerializer();
      s.serialize(order, out);
      s.serialize(order, out);
      data = out.toByteArray();
      DataOutputSerializer snap = new DataOutputSerializer();
      TypeSerializerSnapshots.write(s.snapshot(), snap);
      snapshot = snap.toByteArray();
    }
  }

  private TypeSerializerSnapshot<Object> readSnapshot(ClassLoader loader) throws IOException {
    return TypeSerializerSnapshots.read(new DataInputDeserializer(snapshot), loader);
  }

  @Test
  void version2RestoresWithoutBeingToldTheNewSerializer() throws Exception {
    try (URLClassLoader v2 = version("v2", V2_STATUS, V2_ITEM)) {
      TypeSerializer<Object> restore = readSnapshot(v2).restoreSerializer();
      DataInputDeserializer in = new DataInputDeserializer(data);
      for (int i = 0; i < 2; i++) {
        Object order = restore.deserialize(in);
        assertThat(order.getClass().getClassLoader()).isSameAs(v2);
        assertThat(order).hasToString(
            "Order[id=o1, status=CLOSED, item=Item[sku=a, price=0.0, qty=2], lines=[Item[sku=b, price=0.0, qty=3]]]");
      }
      assertThat(in.available()).isZero();
    }
  }

  @Test
  void version2ResolvesAsMigrationThroughNestedTypes() throws Exception {
    try (URLClassLoader v2 = version("v2", V2_STATUS, V2_ITEM)) {
      TypeSerializerSnapshot<Object> s = readSnapshot(v2);
      Compatibility c = s.resolveCompatibility(serializer(v2, "shop.Order"));
      assertThat(c.kind()).isEqualTo(Kind.COMPATIBLE_AFTER_MIGRATION);
      assertThat(c.reason()).contains("status").contains("reordered").contains("item").contains("added [price]")
          .contains("lines");
      Object first = s.restoreSerializer().deserialize(new DataInputDeserializer(data));
      assertThat(first.toString()).contains("status=CLOSED");
    }
  }

  @Test
  void version3ChangedNestedFieldTypeIsIncompatible() throws Exception {
    try (URLClassLoader v3 = version("v3", V1_STATUS, V3_ITEM)) {
      TypeSerializerSnapshot<Object> s = readSnapshot(v3);
      Compatibility c = s.resolveCompatibility(serializer(v3, "shop.Order"));
      assertThat(c.kind()).isEqualTo(Kind.INCOMPATIBLE);
      assertThat(c.reason()).contains("field 'item' of shop.Order").contains("field 'qty' of shop.Item")
          .contains("from int to long");
      assertThatThrownBy(readSnapshot(v3)::restoreSerializer).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("field 'qty'");
    }
  }

  @Test
  void sameVersionIsCompatibleAsIs() throws Exception {
    try (URLClassLoader again = version("again", V1_STATUS, V1_ITEM)) {
      TypeSerializer<Object> now = serializer(again, "shop.Order");
      TypeSerializerSnapshot<Object> s = readSnapshot(again);
      assertThat(s.resolveCompatibility(now)).isEqualTo(Compatibility.asIs());
      assertThat(s.restoreSerializer()).isSameAs(now);
    }
  }
}

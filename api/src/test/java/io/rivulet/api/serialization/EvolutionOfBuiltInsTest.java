package io.rivulet.api.serialization;

import static io.rivulet.api.serialization.SerializerChecks.bytes;
import static io.rivulet.api.serialization.SerializerChecks.read;
import static io.rivulet.api.serialization.SerializerChecks.writeAndRead;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One enum in four versions, as a job would see it across upgrades: the snapshot of the first version is
 * written, read back and resolved against serializers of the later ones.
 */
class EvolutionOfBuiltInsTest {
  enum V1 { RED, GREEN, BLUE }

  enum Reordered { BLUE, RED, GREEN }

  enum Extended { RED, GREEN, BLUE, BLACK }

  enum Shrunk { RED, BLUE }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <E extends Enum<E>> TypeSerializerSnapshot<E> v1SnapshotAs(Class<E> type) {
    return (TypeSerializerSnapshot) writeAndRead(Types.enumOf(V1.class).snapshot());
  }

  @Test
  void reorderedEnumMigratesByName() {
    byte[] green = bytes(Types.enumOf(V1.class), V1.GREEN);
    TypeSerializerSnapshot<Reordered> snapshot = v1SnapshotAs(Reordered.class);
    Compatibility c = snapshot.resolveCompatibility(Types.enumOf(Reordered.class));
    assertThat(c.kind()).isEqualTo(Kind.COMPATIBLE_AFTER_MIGRATION);
    assertThat(c.reason()).contains("reordered");
    assertThat(read(snapshot.restoreSerializer(), green)).isEqualTo(Reordered.GREEN);
    // the new serializer alone would misread the index: that is why it is not "as is"
    assertThat(read(Types.enumOf(Reordered.class), green)).isEqualTo(Reordered.RED);
  }

  @Test
  void appendedConstantsAreCompatibleAsIs() {
    TypeSerializerSnapshot<Extended> snapshot = v1SnapshotAs(Extended.class);
    assertThat(snapshot.resolveCompatibility(Types.enumOf(Extended.class))).isEqualTo(Compatibility.asIs());
    assertThat(read(Types.enumOf(Extended.class), bytes(Types.enumOf(V1.class), V1.BLUE))).isEqualTo(Extended.BLUE);
  }

  @Test
  void removedConstantIsIncompatibleAndNamed() {
    Compatibility c = v1SnapshotAs(Shrunk.class).resolveCompatibility(Types.enumOf(Shrunk.class));
    assertThat(c.kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(c.reason()).contains("[GREEN]").contains("removed").contains(V1.class.getName());
  }

  @Test
  void restoreWithoutResolveLoadsTheEnumByName() {
    TypeSerializerSnapshot<V1> snapshot = writeAndRead(Types.enumOf(V1.class).snapshot());
    assertThat(read(snapshot.restoreSerializer(), bytes(Types.enumOf(V1.class), V1.BLUE))).isEqualTo(V1.BLUE);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void containersResolveThroughTheirElements() {
    TypeSerializer<List<V1>> oldList = Types.listOf(Types.enumOf(V1.class));
    byte[] data = bytes(oldList, List.of(V1.GREEN, V1.BLUE));
    TypeSerializerSnapshot<List<Reordered>> snapshot = (TypeSerializerSnapshot) writeAndRead(oldList.snapshot());
    Compatibility c = snapshot.resolveCompatibility(Types.listOf(Types.enumOf(Reordered.class)));
    assertThat(c.kind()).isEqualTo(Kind.COMPATIBLE_AFTER_MIGRATION);
    assertThat(c.reason()).startsWith("element: ");
    assertThat(read(snapshot.restoreSerializer(), data)).containsExactly(Reordered.GREEN, Reordered.BLUE);

    TypeSerializerSnapshot<Map<String, Shrunk>> mapSnapshot =
        (TypeSerializerSnapshot) writeAndRead(Types.mapOf(Types.STRING, Types.enumOf(V1.class)).snapshot());
    Compatibility m = mapSnapshot.resolveCompatibility(Types.mapOf(Types.STRING, Types.enumOf(Shrunk.class)));
    assertThat(m.kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(m.reason()).startsWith("value of Map<String, ").contains("GREEN");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void anotherFormatIsIncompatible() {
    TypeSerializerSnapshot list = writeAndRead(Types.listOf(Types.LONG).snapshot());
    assertThat(list.resolveCompatibility(Types.setOf(Types.LONG)).kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(list.resolveCompatibility(Types.listOf(Types.INT)).reason()).contains("element").contains("IntSerializer");
    TypeSerializerSnapshot tuple = writeAndRead(Types.tuple2(Types.STRING, Types.LONG).snapshot());
    assertThat(tuple.resolveCompatibility(Types.tuple2(Types.STRING, Types.nullable(Types.LONG))).reason())
        .startsWith("f1 of Tuple2<String, Long?>");
    TypeSerializerSnapshot nullable = writeAndRead(Types.nullable(Types.LONG).snapshot());
    assertThat(nullable.resolveCompatibility(Types.LONG).kind()).isEqualTo(Kind.INCOMPATIBLE);
  }
}

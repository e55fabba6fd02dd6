package io.rivulet.codegen;

import static io.rivulet.codegen.SerializerChecks.bytes;
import static io.rivulet.codegen.SerializerChecks.read;
import static io.rivulet.codegen.SerializerChecks.writeAndRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility.Kind;
import io.rivulet.api.serialization.Types;
import io.rivulet.codegen.evolution.Tier;
import io.rivulet.codegen.evolution.v1.Customer;
import io.rivulet.codegen.evolution.v1.Wallet;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

/**
 * A job wrote state with v1 of a type; the next version of the job has v2 (fields added, removed, moved)
 * or v3 (a field's type changed). Both shapes are compiled side by side under different packages; the
 * snapshot of v1 is written and read back as a checkpoint would be, then resolved against the new serializer.
 */
class GeneratedEvolutionTest {
  private static final TypeSerializer<Customer> V1 = Types.of(Customer.class);
  private static final TypeSerializer<io.rivulet.codegen.evolution.v2.Customer> V2 =
      Types.of(io.rivulet.codegen.evolution.v2.Customer.class);

  /** The v1 snapshot as the restoring job sees it: typed by the type it now has. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> TypeSerializerSnapshot<T> storedSnapshot(TypeSerializer<?> writer) {
    return (TypeSerializerSnapshot) writeAndRead(writer.snapshot());
  }

  @Property(tries = 200)
  void addedAndRemovedFieldsMigrate(@ForAll @WithNull String name, @ForAll int age, @ForAll @WithNull String email,
      @ForAll @WithNull Tier tier, @ForAll long since) throws IOException {
    Customer old = new Customer(name, age, email, tier, since);
    // two records back to back: the migrating reader must consume exactly the old layout, no more
    DataOutputSerializer out = new DataOutputSerializer();
    V1.serialize(old, out);
    V1.serialize(old, out);

    TypeSerializerSnapshot<io.rivulet.codegen.evolution.v2.Customer> snapshot = storedSnapshot(V1);
    Compatibility c = snapshot.resolveCompatibility(V2);
    assertThat(c.kind()).isEqualTo(Kind.COMPATIBLE_AFTER_MIGRATION);
    assertThat(c.reason()).contains("added [tags, visits]").contains("removed [email]");

    TypeSerializer<io.rivulet.codegen.evolution.v2.Customer> restore = snapshot.restoreSerializer();
    io.rivulet.api.serialization.DataInputDeserializer in =
        new io.rivulet.api.serialization.DataInputDeserializer(out.toByteArray());
    io.rivulet.codegen.evolution.v2.Customer expected =
        new io.rivulet.codegen.evolution.v2.Customer(since, name, null, age, tier, 0);
    assertThat(restore.deserialize(in)).isEqualTo(expected);
    assertThat(restore.deserialize(in)).isEqualTo(expected);
    assertThat(in.available()).isZero();
  }

  @Test
  void changedFieldTypeIsIncompatibleAndNamed() {
    TypeSerializerSnapshot<io.rivulet.codegen.evolution.v3.Customer> snapshot = storedSnapshot(V1);
    Compatibility c = snapshot.resolveCompatibility(Types.of(io.rivulet.codegen.evolution.v3.Customer.class));
    assertThat(c.kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(c.reason()).contains("field 'age'").contains("from int to long");
    // the refusal does not pick a target: restoring still reads the old data as the class of the stored name
    assertThat((Object) snapshot.restoreSerializer()).isSameAs(V1);
  }

  @Test
  void unchangedLayoutIsCompatibleAsIs() {
    TypeSerializerSnapshot<Customer> snapshot = storedSnapshot(V1);
    assertThat(snapshot.resolveCompatibility(V1)).isEqualTo(Compatibility.asIs());
    assertThat(snapshot.restoreSerializer()).isSameAs(V1);
  }

  @Test
  void restoreWithoutResolveUsesTheCurrentClassOfTheStoredName() {
    Customer c = new Customer("a", 1, "e", Tier.PRO, 2);
    TypeSerializerSnapshot<Customer> snapshot = storedSnapshot(V1);
    assertThat(read(snapshot.restoreSerializer(), bytes(V1, c))).isEqualTo(c);
  }

  @Test
  void pojoAddedFieldKeepsItsInitializerAndNullsSurvive() {
    Wallet w = new Wallet();
    w.owner = null;
    w.cents = 1234;
    TypeSerializerSnapshot<io.rivulet.codegen.evolution.v2.Wallet> snapshot =
        storedSnapshot(Types.of(Wallet.class));
    assertThat(snapshot.resolveCompatibility(Types.of(io.rivulet.codegen.evolution.v2.Wallet.class)).reason())
        .contains("added [currency]");
    io.rivulet.codegen.evolution.v2.Wallet migrated = read(snapshot.restoreSerializer(), bytes(Types.of(Wallet.class), w));
    assertThat(migrated.owner).isNull();
    assertThat(migrated.cents).isEqualTo(1234);
    assertThat(migrated.currency).isEqualTo("EUR");
  }

  @Test
  void restoreSerializerOnlyReads() {
    TypeSerializerSnapshot<io.rivulet.codegen.evolution.v2.Customer> snapshot = storedSnapshot(V1);
    snapshot.resolveCompatibility(V2);
    TypeSerializer<io.rivulet.codegen.evolution.v2.Customer> restore = snapshot.restoreSerializer();
    assertThatThrownBy(() -> restore.serialize(new io.rivulet.codegen.evolution.v2.Customer(0, "", null, 0, null, 0),
        new DataOutputSerializer())).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("older layout");
  }

  @Test
  void anotherKindOfSerializerIsIncompatible() {
    TypeSerializerSnapshot<String> snapshot = storedSnapshot(V1);
    Compatibility c = snapshot.resolveCompatibility(Types.STRING);
    assertThat(c.kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(c.reason()).contains(Customer.class.getName()).contains("StringSerializer");
  }
}

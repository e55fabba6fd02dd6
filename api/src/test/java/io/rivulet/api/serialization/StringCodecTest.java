package io.rivulet.api.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StringCodecTest {

  /** A view that only has the interface's default string and var-int code, to compare the fast path with. */
  static final class PlainOutputView implements DataOutputView {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void writeByte(int v) {
      bytes.write(v);
    }

    @Override
    public void writeBoolean(boolean v) {
      writeByte(v ? 1 : 0);
    }

    @Override
    public void writeShort(int v) {
      writeByte(v >> 8);
      writeByte(v);
    }

    @Override
    public void writeChar(int v) {
      writeShort(v);
    }

    @Override
    public void writeInt(int v) {
      writeShort(v >> 16);
      writeShort(v);
    }

    @Override
    public void writeLong(long v) {
      writeInt((int) (v >> 32));
      writeInt((int) v);
    }

    @Override
    public void writeFloat(float v) {
      writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
      writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }
  }

  @Provide
  Arbitrary<String> unicode() {
    return SerializerChecks.unicodeStrings();
  }

  @Property(tries = 500)
  void anyUtf16StringSurvivesAndBothWritersAgree(@ForAll("unicode") String s) throws IOException {
    DataOutputSerializer fast = new DataOutputSerializer(1);
    fast.writeString(s);
    PlainOutputView plain = new PlainOutputView();
    plain.writeString(s);
    assertThat(fast.toByteArray()).isEqualTo(plain.bytes.toByteArray());

    DataInputDeserializer in = new DataInputDeserializer(fast.toByteArray());
    assertThat(in.readString()).isEqualTo(s);
    assertThat(in.available()).isZero();
  }

  @Test
  void surrogatePairIsTwoThreeByteUnits() throws IOException {
    String s = "a\uD83D\uDE00b"; // a😀b
    byte[] bytes = SerializerChecks.bytes(Types.STRING, s);
    assertThat(bytes).hasSize(1 + 1 + 3 + 3 + 1);
    assertThat(SerializerChecks.read(Types.STRING, bytes)).isEqualTo(s).hasSize(4);
    assertThat(s.codePointCount(0, s.length())).isEqualTo(3);
  }

  @Test
  void loneSurrogatesAndNullSurvive() {
    for (String s : new String[] {"\uD800", "x\uDC00y", "\uDBFF\uDBFF", "", null}) {
      assertThat(SerializerChecks.read(Types.STRING, SerializerChecks.bytes(Types.STRING, s))).isEqualTo(s);
    }
  }

  @Test
  void stringsLongerThanOneChunkSurvive() {
    String s = "é😀x".repeat(10_000);
    assertThat(SerializerChecks.read(Types.STRING, SerializerChecks.bytes(Types.STRING, s))).isEqualTo(s);
  }

  @Test
  void bytesThatAreNoStringFailClearly() {
    DataInputDeserializer badLead = new DataInputDeserializer(new byte[] {2, (byte) 0xFF});
    assertThatThrownBy(badLead::readString).isInstanceOf(IOException.class).hasMessageContaining("malformed string")
        .hasMessageContaining("0xff");
    DataInputDeserializer badContinuation = new DataInputDeserializer(new byte[] {2, (byte) 0xC3, 0x41});
    assertThatThrownBy(badContinuation::readString).isInstanceOf(IOException.class).hasMessageContaining("0x41");
    DataInputDeserializer truncated = new DataInputDeserializer(new byte[] {10, 'a'});
    assertThatThrownBy(truncated::readString).isInstanceOf(java.io.EOFException.class);
  }
}

package io.rivulet.examples;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import java.util.List;

/**
 * Counts words: split lines into words, key by word, keep a rolling count. The pipeline is built by
 * {@link #counts}, which both {@link #main} and the tests call.
 */
public final class WordCount {
  public static final TypeSerializer<Tuple2<String, Long>> WORD_COUNT = Types.tuple2(Types.STRING, Types.LONG);

  static final List<String> TEXT = List.of(
      "to be or not to be that is the question",
      "whether tis nobler in the mind to suffer",
      "the slings and arrows of outrageous fortune",
      "or to take arms against a sea of troubles");

  private WordCount() {}

  /** Rolling (word, count) after every word: the last record per word holds its total. */
  public static DataStream<Tuple2<String, Long>> counts(StreamEnvironment env, List<String> lines) {
    return env.fromCollection(lines, Types.STRING)
        .flatMap((String line, io.rivulet.api.functions.Collector<Tuple2<String, Long>> out) -> {
          for (String word : line.toLowerCase().split("\\W+")) {
            if (!word.isEmpty()) {
              out.collect(Tuple2.of(word, 1L));
            }
          }
        }, WORD_COUNT).name("Split")
        .keyBy(Tuple2::f0, Types.STRING)
        .sum(Tuple2::f1, Tuple2::withF1).name("Count");
  }

  public static void main(String[] args) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    counts(env, TEXT).print();
    env.execute("word count");
  }
}

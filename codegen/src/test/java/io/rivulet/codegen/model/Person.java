package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every supported kind of field; byte[] makes record equality useless, so tests compare recursively. */
@GenerateSerializer
public record Person(
    String name,
    int age,
    long id,
    double score,
    float ratio,
    boolean active,
    char initial,
    byte flags,
    short level,
    Integer rank,
    Color favourite,
    Address home,
    List<String> tags,
    Map<String, Long> counters,
    Set<Color> colors,
    byte[] avatar,
    List<Address> previous,
    Map<String, List<Integer>> scores) {}

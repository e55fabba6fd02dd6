package io.rivulet.controlplane.rest;

import java.util.List;

/** Flink's error shape: {@code {"errors": ["what was wrong, and where"]}}. */
public record ErrorBody(List<String> errors) {}

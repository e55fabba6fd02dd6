package io.rivulet.codegen.model;

public enum Color {
  RED,
  GREEN,
  BLUE
}

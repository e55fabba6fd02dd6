package io.rivulet.codegen.model;

/** A superclass whose field is serialized through its accessors. */
public abstract class BaseEntity {
  private long id;

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }
}

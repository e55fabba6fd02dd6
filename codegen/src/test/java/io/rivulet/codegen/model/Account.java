package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A POJO: accessors, a boolean is-getter, a public field, a transient field, an inherited field. */
@GenerateSerializer
public class Account extends BaseEntity {
  private String owner;
  private boolean frozen;
  private List<Point> points = new ArrayList<>();
  private Map<String, List<Integer>> history;
  public Color color;
  private transient int cachedHash;

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }

  public boolean isFrozen() {
    return frozen;
  }

  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  public List<Point> getPoints() {
    return points;
  }

  public void setPoints(List<Point> points) {
    this.points = points;
  }

  public Map<String, List<Integer>> getHistory() {
    return history;
  }

  public void setHistory(Map<String, List<Integer>> history) {
    this.history = history;
  }

  public int cachedHash() {
    return cachedHash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Account a && a.getId() == getId() && Objects.equals(a.owner, owner) && a.frozen == frozen
        && Objects.equals(a.points, points) && Objects.equals(a.history, history) && a.color == color;
  }

  @Override
  public int hashCode() {
    return Objects.hash(getId(), owner, frozen, points, history, color);
  }

  @Override
  public String toString() {
    return "Account[id=" + getId() + ", owner=" + owner + ", frozen=" + frozen + ", points=" + points + ", history="
        + history + ", color=" + color + "]";
  }
}

package io.rivulet.controlplane.jars;

import io.rivulet.controlplane.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Splits Flink's single-string {@code programArgs} as a shell would: on blanks, with '…' and "…" quoting. */
public final class ProgramArgs {
  private ProgramArgs() {}

  public static List<String> split(String args) {
    List<String> out = new ArrayList<>();
    if (args == null) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    boolean inToken = false;
    char quote = 0;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          out.add(cur.toString());
          cur.setLength(0);
          inToken = false;
        }
      } else {
        cur.append(c);
        inToken = true;
      }
    }
    if (quote != 0) {
      throw ApiException.badRequest("programArgs: unterminated quote " + quote + " in '" + args + "'");
    }
    if (inToken) {
      out.add(cur.toString());
    }
    return out;
  }
}

package it.tavolo.faults;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Wrong ops generated from the core schema, so a field added to {@link Schema} is attacked
 * too: every collection × every field × every kind of value it must refuse (a number, an
 * object, an array, a boolean, null where not nullable, and what its type forbids: a value
 * outside an enum, a day that does not exist, a bad order key, an organisation that is not
 * a UUID, a reference to nothing…), each sent as the ops that carry that field (create, set,
 * move); then op-level fields of the wrong shape. Each op is otherwise valid: it names the
 * entities {@link #fixtureOps} creates, and a create gives every required field, so only the
 * wrong value can be why it is refused.
 */
final class SchemaCases {
  /**
   * One op to send alone in a batch; {@code group} is a collection, or op-level shapes.
   * {@code control} is the same op made right (the wrong value replaced by a good one), or
   * null where the op's kind itself is what is wrong: {@code SchemaCasesTest} checks that the
   * core accepts it, so a case cannot pass for some other reason than its wrong value.
   */
  record Case(String group, String name, String op, String expected, String control) {}

  private record Bad(String label, String json, String expected) {
    Bad(String label, String json) {
      this(label, json, "invalid_op");
    }
  }

  static final String OP_LEVEL = "op-level fields";
  /** An organisation id of the right shape that names no organisation. */
  private static final String NO_ORGANISATION = "00000000-0000-4000-8000-00000000dead";

  /** A territorio no tavolo lists; {@link #TERRITORIO} is the one the fixture's tavolo lists. */
  static final String NO_TERRITORIO = "Atlantide";

  static final String TERRITORIO = "Pistoia";

  private SchemaCases() {}

  /** The entity of {@code coll} that every case naming an existing entity names. */
  static String existing(String coll) {
    return "hx-" + coll;
  }

  /** The id a case's create uses: never created. */
  static String fresh(String coll) {
    return "hx-new-" + coll;
  }

  /**
   * The creates of the entities the cases name, for those missing from {@code present}
   * (one per collection, referring to each other, every field valid). {@code org} is an
   * organisation at the tavolo.
   */
  static List<String> fixtureOps(String org, java.util.function.Predicate<String> present) {
    List<String> ops = new ArrayList<>();
    String[][] fixture = {
        {"sections", "\"order\":\"m\",\"title\":\"t\",\"body\":\"abc\""},
        {"objectives", "\"order\":\"m\",\"kind\":\"generale\",\"title\":\"t\""},
        {"activities", "\"order\":\"m\",\"objective\":\"" + existing("objectives") + "\",\"title\":\"t\",\"lead\":\"" + org
            + "\",\"start\":\"2026-01-01\""},
        {"budget", "\"order\":\"m\",\"contributor\":\"" + org + "\",\"activity\":\"" + existing("activities")
            + "\",\"amount\":100"},
        {"interventi", "\"order\":\"m\",\"item\":\"" + existing("sections") + "\",\"kind\":\"intervento\""},
    };
    for (String[] f : fixture) {
      if (!present.test(f[0])) {
        ops.add("{\"op\":\"create\",\"coll\":\"" + f[0] + "\",\"id\":\"" + existing(f[0]) + "\",\"fields\":{" + f[1] + "}}");
      }
    }
    return ops;
  }

  static List<Case> all(String org) {
    return all(org, c -> true);
  }

  /** The cases of the collections {@code which} keeps (a draft holds no interventi: see the callers). */
  static List<Case> all(String org, java.util.function.Predicate<CollectionDef> which) {
    List<Case> out = new ArrayList<>();
    for (CollectionDef c : Schema.collections()) {
      if (!which.test(c)) {
        continue;
      }
      for (FieldDef f : c.fields()) {
        fieldCases(c, f, org, out);
      }
    }
    opLevel(out);
    return out;
  }

  private static List<Bad> badValues(FieldDef f, String org) {
    List<Bad> bad = new ArrayList<>();
    if (f.type() != FieldType.MONEY) {
      bad.add(new Bad("a number", "42"));
    }
    bad.add(new Bad("a fraction", "1.5"));
    bad.add(new Bad("an object", "{\"v\":\"x\"}"));
    bad.add(new Bad("an array", "[\"x\"]"));
    bad.add(new Bad("a boolean", "true"));
    if (!f.nullable()) {
      bad.add(new Bad("null", "null"));
    }
    switch (f.type()) {
      case TEXT -> {
        bad.add(new Bad("a lone surrogate", "\"a\\ud800\""));
        bad.add(new Bad("holding NUL", "\"a\\u0000b\""));
      }
      case STRING -> {
        bad.add(new Bad("a lone surrogate", "\"a\\udc00\""));
        bad.add(new Bad("holding NUL", "\"a\\u0000b\""));
        bad.add(new Bad("over its length", "\"" + "s".repeat(Limits.DEFAULT.maxStringLength() + 1) + "\"", "too_large"));
      }
      case ENUM -> {
        bad.add(new Bad("outside its enum", "\"gift\""));
        bad.add(new Bad("its value in capitals", "\"" + f.enumValues().get(0).toUpperCase() + "\""));
      }
      case DATE -> {
        bad.add(new Bad("a day that does not exist", "\"2026-02-30\""));
        bad.add(new Bad("another date format", "\"30/01/2026\""));
        bad.add(new Bad("a date with a time", "\"2026-01-30T10:00\""));
      }
      case MONEY -> {
        bad.add(new Bad("a string", "\"100\""));
        bad.add(new Bad("negative", "-1"));
        bad.add(new Bad("over 10^13", Long.toString(Limits.MAX_MONEY_CENTS + 1)));
        bad.add(new Bad("in exponent notation", "1e3"));
        bad.add(new Bad("beyond a long", "9223372036854775808"));
      }
      case REF -> {
        bad.add(new Bad("an id of nothing", "\"hx-missing\""));
        bad.add(new Bad("an id with a path", "\"../x\""));
        bad.add(new Bad("an id of the wrong collection", "\"" + existing(otherCollection(f.refCollection())) + "\""));
      }
      case ORG -> {
        bad.add(new Bad("not a UUID", "\"not-a-uuid\""));
        bad.add(new Bad("a UUID in capitals", "\"" + org.toUpperCase() + "\""));
        bad.add(new Bad("a UUID of no organisation", "\"" + NO_ORGANISATION + "\""));
      }
      case YEAR -> {
        bad.add(new Bad("a string", "\"2026\""));
        bad.add(new Bad("zero", "0"));
        bad.add(new Bad("between project and calendar years", "1999"));
        bad.add(new Bad("after 2100", "2101"));
      }
      case TERRITORY -> {
        bad.add(new Bad("blank", "\"  \""));
        bad.add(new Bad("holding NUL", "\"a\\u0000b\""));
        bad.add(new Bad("over its length", "\"" + "t".repeat(Limits.MAX_TERRITORIO_LENGTH + 1) + "\""));
        bad.add(new Bad("not in the tavolo's list", "\"" + NO_TERRITORIO + "\"", "unknown_territorio"));
      }
      case ORDER -> {
        bad.add(new Bad("empty", "\"\""));
        bad.add(new Bad("with a space", "\"a b\""));
        bad.add(new Bad("not ASCII", "\"m\u00e8\""));
        bad.add(new Bad("over its length", "\"" + "m".repeat(Limits.DEFAULT.maxOrderKeyLength() + 1) + "\""));
      }
    }
    return bad;
  }

  private static String otherCollection(String coll) {
    return coll.equals("sections") ? "budget" : "sections";
  }

  private static void fieldCases(CollectionDef c, FieldDef f, String org, List<Case> out) {
    String coll = c.name();
    String where = coll + "." + f.name();
    for (Bad b : badValues(f, org)) {
      // a create that gives this field the bad value, and every required field a good one
      String good = good(c, f, org);
      out.add(new Case(coll, "create, " + where + " " + b.label(), create(c, org, f.name(), b.json()), b.expected(),
          create(c, org, f.name(), good)));
      if (f.type() == FieldType.ORDER) {
        out.add(new Case(coll, "move, order " + b.label(), move(coll, b.json()), "invalid_op", move(coll, good)));
      } else if (f.type() != FieldType.TEXT) {
        out.add(new Case(coll, "set, " + where + " " + b.label(), set(coll, f.name(), b.json()), b.expected(),
            set(coll, f.name(), good)));
      }
    }
    if (f.type() == FieldType.REF && f.refCollection().equals(coll)) {
      out.add(new Case(coll, "set, " + where + " itself", set(coll, f.name(), "\"" + existing(coll) + "\""), "invalid_op",
          set(coll, f.name(), "null")));
      out.add(new Case(coll, "create, " + where + " itself", create(c, org, f.name(), "\"" + fresh(coll) + "\""), "invalid_op",
          create(c, org, f.name(), "\"" + existing(coll) + "\"")));
    }
    if (f.type() == FieldType.TEXT || f.type() == FieldType.ORDER) {
      // a valid value, but these change only with their own op
      out.add(new Case(coll, "set on " + where, set(coll, f.name(), "\"x\""), "invalid_op", null));
    } else {
      out.add(new Case(coll, "a text op on " + where, "{\"op\":\"text\",\"coll\":\"" + coll + "\",\"id\":\"" + existing(coll)
          + "\",\"field\":\"" + f.name() + "\",\"edit\":[\"x\"]}", "invalid_op", null));
    }
  }

  /** A value the field accepts, on the fixture's entity and on a fresh one. */
  private static String good(CollectionDef c, FieldDef f, String org) {
    return switch (f.type()) {
      case TEXT, STRING -> "\"ok\"";
      case ENUM -> "\"" + f.enumValues().get(f.enumValues().size() - 1) + "\"";
      case DATE -> "\"2026-01-02\"";
      case MONEY -> "7";
      // a reference to its own collection's fixture entity would be the fixture itself: null
      case REF -> f.refCollection().equals(c.name()) ? "null" : "\"" + existing(f.refCollection()) + "\"";
      case ORG -> "\"" + org + "\"";
      case ORDER -> "\"n\"";
      case YEAR -> "2";
      case TERRITORY -> "\"" + TERRITORIO + "\"";
    };
  }

  private static String move(String coll, String json) {
    return "{\"op\":\"move\",\"coll\":\"" + coll + "\",\"id\":\"" + existing(coll) + "\",\"order\":" + json + "}";
  }

  private static String set(String coll, String field, String json) {
    return "{\"op\":\"set\",\"coll\":\"" + coll + "\",\"id\":\"" + existing(coll) + "\",\"field\":\"" + field + "\",\"value\":" + json + "}";
  }

  private static String create(CollectionDef c, String org, String field, String json) {
    StringBuilder fields = new StringBuilder();
    for (FieldDef f : c.fields()) {
      String v = f.name().equals(field) ? json
          : !f.required() ? null
          : f.type() == FieldType.ORDER ? "\"m\""
          : f.type() == FieldType.ORG ? "\"" + org + "\""
          : null;
      if (v == null && f.required()) {
        throw new IllegalStateException("no valid value for the required " + c.name() + "." + f.name() + ": teach SchemaCases one");
      }
      if (v != null) {
        fields.append(fields.isEmpty() ? "" : ",").append('"').append(f.name()).append("\":").append(v);
      }
    }
    return "{\"op\":\"create\",\"coll\":\"" + c.name() + "\",\"id\":\"" + fresh(c.name()) + "\",\"fields\":{" + fields + "}}";
  }

  private static void opLevel(List<Case> out) {
    String sec = existing("sections");
    String delete = "{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"" + sec + "\"}";
    String create = "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"fields\":{\"order\":\"m\"}}";
    String setTitle = "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"title\",\"value\":\"x\"}";
    String text = "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":[3,\"x\"]}";
    String move = move("sections", "\"n\"");
    String[][] shapes = {
        {"op a number", "{\"op\":1,\"coll\":\"sections\",\"id\":\"" + sec + "\"}", delete},
        {"op missing", "{\"coll\":\"sections\",\"id\":\"" + sec + "\"}", delete},
        {"coll a number", "{\"op\":\"delete\",\"coll\":1,\"id\":\"" + sec + "\"}", delete},
        {"coll an array", "{\"op\":\"delete\",\"coll\":[\"sections\"],\"id\":\"" + sec + "\"}", delete},
        {"coll null", "{\"op\":\"delete\",\"coll\":null,\"id\":\"" + sec + "\"}", delete},
        {"id a number", "{\"op\":\"delete\",\"coll\":\"sections\",\"id\":7}", delete},
        {"id an object", "{\"op\":\"delete\",\"coll\":\"sections\",\"id\":{\"id\":\"" + sec + "\"}}", delete},
        {"id missing", "{\"op\":\"delete\",\"coll\":\"sections\"}", delete},
        {"id empty (create)", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"\",\"fields\":{\"order\":\"m\"}}", create},
        {"id a number (create)", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":7,\"fields\":{\"order\":\"m\"}}", create},
        {"field a number (set)", "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":1,\"value\":\"x\"}", setTitle},
        {"field missing (set)", "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"value\":\"x\"}", setTitle},
        {"value missing (set)", "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"title\"}", setTitle},
        {"field a number (text)", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":1,\"edit\":[3,\"x\"]}", text},
        {"edit an object", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":{\"0\":3,\"1\":\"x\"}}", text},
        {"edit a string", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":\"x\"}", text},
        {"edit missing", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\"}", text},
        {"edit holding a boolean", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":[3,true]}", text},
        {"edit holding an object", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":[3,{\"i\":\"x\"}]}", text},
        {"edit holding zero", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":[0,3,\"x\"]}", text},
        {"edit holding a number beyond an int", "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"field\":\"body\",\"edit\":[3,\"x\",4294967296]}", text},
        {"fields an array", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"fields\":[\"order\",\"m\"]}", create},
        {"fields a string", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"fields\":\"order=m\"}", create},
        {"fields missing", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\"}", create},
        {"fields with an unknown field", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"fields\":{\"order\":\"m\",\"owner\":\"me\"}}", create},
        {"a create without its order", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"fields\":{\"title\":\"x\"}}", create},
        {"a create over an existing id", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"fields\":{\"order\":\"m\"}}", create},
        {"replace a string", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"replace\":\"yes\",\"fields\":{\"order\":\"m\"}}",
            "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"replace\":true,\"fields\":{\"order\":\"m\"}}"},
        {"replace of nothing", "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + fresh("sections") + "\",\"replace\":true,\"fields\":{\"order\":\"m\"}}", create},
        {"order a number (move)", "{\"op\":\"move\",\"coll\":\"sections\",\"id\":\"" + sec + "\",\"order\":5}", move},
        {"order missing (move)", "{\"op\":\"move\",\"coll\":\"sections\",\"id\":\"" + sec + "\"}", move},
        {"a delete of nothing", "{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"hx-missing\"}", delete},
    };
    for (String[] s : shapes) {
      out.add(new Case(OP_LEVEL, s[0], s[1], "invalid_op", s[2]));
    }
  }
}

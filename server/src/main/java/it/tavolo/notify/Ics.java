package it.tavolo.notify;

import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar (RFC 5545) with ical4j: a seduta's invitation ({@code METHOD:REQUEST}, or
 * {@code CANCEL}), and a tavolo's calendar feed ({@code METHOD:PUBLISH}). One UID per seduta;
 * each change sent raises its SEQUENCE, so calendar apps replace the event instead of adding
 * another. Pure functions: no state.
 */
public final class Ics {
  private Ics() {
  }

  /** Sedute have a start only: calendars get this length. */
  public static final Duration LENGTH = Duration.ofHours(2);

  /** A seduta as a calendar event. {@code url}: the seduta's page; {@code callUrl}: the video call. */
  public record Event(String uid, int sequence, String title, Instant start, String place, String callUrl,
                      List<String> agenda, String url, boolean cancelled) {}

  public static final String REQUEST = "REQUEST";
  public static final String CANCEL = "CANCEL";

  /** An invitation to one event: REQUEST (new or changed) or CANCEL. */
  public static String invitation(String method, Event e, String organizer) {
    Calendar cal = calendar(CANCEL.equals(method) ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
    cal.add(event(e, organizer, CANCEL.equals(method) || e.cancelled()));
    return text(cal);
  }

  /** A calendar feed: every event, as calendar apps subscribe to it. */
  public static String feed(String name, List<Event> events, String organizer) {
    Calendar cal = calendar(ImmutableMethod.PUBLISH);
    cal.add(new XProperty("X-WR-CALNAME", name));
    events.forEach(e -> cal.add(event(e, organizer, e.cancelled())));
    return text(cal);
  }

  private static Calendar calendar(net.fortuna.ical4j.model.property.Method method) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Tavolo//Convocazioni//IT"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    cal.add(method);
    return cal;
  }

  private static VEvent event(Event e, String organizer, boolean cancelled) {
    VEvent ev = new VEvent(e.start(), LENGTH, e.title());
    ev.add(new Uid(e.uid()));
    ev.add(new Sequence(e.sequence()));
    ev.add(new DtStamp(Instant.now()));
    if (organizer != null) {
      ev.add(new Organizer(URI.create("mailto:" + address(organizer))));
    }
    String where = e.place() != null && !e.place().isBlank() ? e.place() : e.callUrl();
    if (where != null) {
      ev.add(new Location(where));
    }
    if (e.url() != null) {
      ev.add(new Url(URI.create(e.url())));
    }
    ev.add(new Description(description(e)));
    ev.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
    return ev;
  }

  public static String description(Event e) {
    StringBuilder b = new StringBuilder();
    if (e.callUrl() != null) {
      b.append("Collegamento alla videochiamata: ").append(e.callUrl()).append("\n");
    }
    if (e.place() != null && !e.place().isBlank()) {
      b.append("Luogo: ").append(e.place()).append("\n");
    }
    if (!e.agenda().isEmpty()) {
      b.append("Ordine del giorno:\n");
      for (int i = 0; i < e.agenda().size(); i++) {
        b.append(i + 1).append(". ").append(e.agenda().get(i)).append("\n");
      }
    }
    if (e.url() != null) {
      b.append("In Tavolo: ").append(e.url()).append("\n");
    }
    return b.toString().strip();
  }

  /** The bare address of "Name <a@b>" or "a@b". */
  static String address(String from) {
    int lt = from.indexOf('<');
    int gt = from.indexOf('>');
    return lt >= 0 && gt > lt ? from.substring(lt + 1, gt).strip() : from.strip();
  }

  private static String text(Calendar cal) {
    try {
      StringWriter w = new StringWriter();
      new CalendarOutputter(false).output(cal, w);
      return w.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

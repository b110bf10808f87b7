package it.tavolo.notify;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Sends one outbox mail over SMTP with Eclipse Angus (Jakarta Mail). Blocking: called only on
 * worker threads (MailOutbox), never on an event loop. Immutable; one SMTP connection per
 * batch of mails.
 */
final class MailSender {
  private final MailSettings settings;
  private final Session session;
  private final String idDomain;

  MailSender(MailSettings settings, String idDomain) {
    this.settings = settings;
    this.idDomain = idDomain;
    MailSettings.Smtp s = settings.smtp();
    Properties p = new Properties();
    String proto = s.tls() ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", s.host());
    p.put("mail." + proto + ".port", String.valueOf(s.port()));
    p.put("mail." + proto + ".auth", String.valueOf(s.user() != null));
    p.put("mail." + proto + ".connectiontimeout", "10000");
    p.put("mail." + proto + ".timeout", "20000");
    p.put("mail." + proto + ".writetimeout", "20000");
    if (s.tls()) {
      p.put("mail.smtps.ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(p);
  }

  /** The Message-ID of outbox row {@code id}: the same on every attempt, so a resend is recognisable. */
  String messageId(long id) {
    return "<tavolo-mail-" + id + "@" + idDomain + ">";
  }

  Transport connect() throws MessagingException {
    MailSettings.Smtp s = settings.smtp();
    Transport t = session.getTransport(s.tls() ? "smtps" : "smtp");
    if (s.user() != null) {
      t.connect(s.host(), s.port(), s.user(), s.password());
    } else {
      t.connect();
    }
    return t;
  }

  void send(Transport t, NotificationStore.Claimed m) throws MessagingException {
    MimeMessage msg = message(m);
    t.sendMessage(msg, msg.getAllRecipients());
  }

  MimeMessage message(NotificationStore.Claimed m) throws MessagingException {
    String messageId = messageId(m.id());
    MimeMessage msg = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    msg.setFrom(new InternetAddress(settings.from()));
    msg.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to()));
    msg.setSubject(m.subject(), "UTF-8");
    msg.setSentDate(new java.util.Date());
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(m.text(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(m.html(), "UTF-8", "html");
    alternative.addBodyPart(html);
    if (m.ics() == null) {
      msg.setContent(alternative);
    } else {
      // the calendar part inside the alternative is what mail clients offer to add; the
      // attachment is for those that only show files
      String type = "text/calendar; charset=UTF-8; method=" + m.icsMethod();
      MimeBodyPart cal = new MimeBodyPart();
      cal.setDataHandler(new DataHandler(new ByteArrayDataSource(m.ics().getBytes(StandardCharsets.UTF_8), type)));
      cal.setHeader("Content-Type", type);
      alternative.addBodyPart(cal);
      MimeBodyPart wrapper = new MimeBodyPart();
      wrapper.setContent(alternative);
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(wrapper);
      MimeBodyPart file = new MimeBodyPart();
      file.setDataHandler(new DataHandler(new ByteArrayDataSource(m.ics().getBytes(StandardCharsets.UTF_8),
          "application/ics")));
      file.setFileName("invito.ics");
      mixed.addBodyPart(file);
      msg.setContent(mixed);
    }
    msg.saveChanges();
    return msg;
  }
}

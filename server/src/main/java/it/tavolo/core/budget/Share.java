package it.tavolo.core.budget;

import java.math.BigInteger;

/**
 * An exact fraction of two cent amounts, {@code part / whole}; never floating point. {@link
 * #basisPoints()} rounds half up to hundredths of a percent (1788 = 17,88 %).
 */
public record Share(long part, long whole) {
  /** 0 when {@code whole} is 0 (an empty budget has no share). */
  public long basisPoints() {
    if (whole == 0) return 0;
    BigInteger[] qr =
        BigInteger.valueOf(part).multiply(BigInteger.valueOf(10_000)).divideAndRemainder(BigInteger.valueOf(whole));
    long q = qr[0].longValueExact();
    return qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(whole)) >= 0 ? q + 1 : q;
  }

  /** Italian percentage with two decimals, e.g. {@code "17,88"}. */
  public String percentIt() {
    long bp = basisPoints();
    return bp / 100 + "," + String.format("%02d", bp % 100);
  }
}

package dev.kindeprops.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule for text a property can hold: well-formed Unicode without noncharacters. */
class StorableTextTest {
  @Test
  void acceptsOrdinaryTextAndCharactersBeyondTheBasicPlane() {
    assertThat(StorableText.problem("value", "")).isNull();
    assertThat(StorableText.problem("value", "Tenancy \uD83D\uDE00 ü \uFFFD \uFDCF \uFDF0"))
        .isNull();
  }

  @Test
  void refusesLoneSurrogatesOfEitherHalf() {
    assertThat(StorableText.problem("value", "\uD83D"))
        .startsWith("value holds a lone UTF-16 surrogate U+D83D (character 1)");
    assertThat(StorableText.problem("value", "ab\uDE00"))
        .startsWith("value holds a lone UTF-16 surrogate U+DE00 (character 3)");
    assertThat(StorableText.problem("value", "\uDE00\uD83D"))
        .startsWith("value holds a lone UTF-16 surrogate U+DE00 (character 1)");
  }

  @Test
  void refusesEveryNoncharacter() {
    for (int c = 0xFDD0; c <= 0xFDEF; c++) {
      assertThat(StorableText.problem("value", Character.toString(c))).isNotNull();
    }
    for (int plane = 0; plane <= 0x10; plane++) {
      for (int last : new int[] {0xFFFE, 0xFFFF}) {
        String text = "x" + Character.toString(plane * 0x10000 + last);
        assertThat(StorableText.problem("value", text))
            .startsWith("value holds the Unicode noncharacter U+")
            .contains("(character 2)");
      }
    }
  }
}

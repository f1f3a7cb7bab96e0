"""ISO 4217 currency codes in current use (from the Unicode CLDR via Qt), and
the one check of a currency the owner types."""

from __future__ import annotations

from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _

ISO_4217_CODES: frozenset[str] = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR
    ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS
    SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES
    VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()  # noqa: SIM905 (a block of codes reads better than a list)
)


def normalize_currency(text: str) -> str | None:
    """The ISO code for `text` ("usd " -> "USD"), or None if it is not one."""
    code = text.strip().upper()
    return code if code in ISO_4217_CODES else None


def check_currency(text: object, field: str = "currency") -> str:
    """The ISO code for what the owner typed; a ValidationError for `field`
    saying what a currency code looks like otherwise."""
    typed = str(text or "").strip()
    code = normalize_currency(typed)
    if code is None:
        raise ValidationError(
            _("“{typed}” is not an ISO 4217 currency code (such as USD, EUR or GBP).").format(
                typed=typed
            ),
            field,
        )
    return code

"""Demo: how the planner shop's tasks are done, written down.

Bookkeeping, the customer support inbox, product photos, social posts,
packing paper orders and the newsletter (and the two other tasks handed
off with a brief: Etsy listings and Pinterest pins) each get a procedure
as Maya would write it: specific tools, numbered steps with a check each, and when the
task counts as done. Bookkeeping's procedure is edited after the brief
that carries it was sent (see `demo.briefs`), so "what changed since the
version you sent" has something to show.
"""

from __future__ import annotations

from datetime import date

from desktop_app.models.procedure_content import ProcedureData, StepData
from desktop_app.models.procedures import create_procedure
from desktop_app.models.tasks import find_task_id


def _s(
    text: str, check: str = "", detail: str = "", link: str = "", seconds: int | None = None
) -> StepData:
    return StepData(text=text, detail=detail, link=link, check=check, seconds=seconds)


PROCEDURES: dict[str, ProcedureData] = {
    "Bookkeeping": ProcedureData(
        title="Close the month in Xero",
        purpose="Books that match the bank by the 10th of each month, so VAT and decisions "
        "rest on real numbers.",
        tools="Xero (bookkeeper user)\nShopify Payments payouts report\nPayPal activity "
        "download\nEtsy Payments monthly CSV\nGoogle Drive folder “Receipts 2026”",
        inputs="Bank feed in Xero (SEB business account)\nReceipts forwarded to Xero Files\n"
        "Payout reports of Shopify, PayPal and Etsy",
        outputs="Reconciled bank and clearing accounts\nMonth-end note (email to Maya)",
        done_when="Every bank and clearing account shows a difference of 0.00 for the month, "
        "no transaction is left in “Uncategorised”, and the month-end note is sent.",
        steps=[
            _s(
                "Download last month's payout reports from Shopify, PayPal and Etsy",
                "Three CSV files in Drive › Bookkeeping › YYYY-MM, one per platform.",
                "Shopify: Finances › Payouts › Export. PayPal: Activity › Statements › "
                "Monthly. Etsy: Shop Manager › Finances › Monthly statements.",
                seconds=540,
            ),
            _s(
                "Import each payout into its clearing account in Xero",
                "Each clearing account's balance equals the platform's ending balance.",
                "Use the saved import mapping “Payout split”: one line for sales, one for "
                "fees, one for refunds.",
                seconds=900,
            ),
            _s(
                "Reconcile the SEB bank feed against the clearing accounts",
                "Bank statement balance and Xero balance agree to the cent.",
                link="https://go.xero.com/Bank/BankAccounts.aspx",
                seconds=1500,
            ),
            _s(
                "Match every receipt in Xero Files to its bank line",
                "No card payment above 200 SEK is left without a receipt.",
                "Ask Maya for anything missing in one list, not one email per receipt.",
                seconds=1200,
            ),
            _s(
                "Book the month's subscriptions and ads to their accounts",
                "Software 6540, Advertising 5910; nothing left in 6991 Other.",
                seconds=600,
            ),
            _s(
                "Run the profit and loss and compare it with last month",
                "Any line more than 20% off last month has a one-line explanation.",
                seconds=480,
            ),
            _s(
                "Send Maya the month-end note",
                "The note lists balances, open questions and receipts still missing.",
                seconds=300,
            ),
        ],
    ),
    "Customer support inbox": ProcedureData(
        title="Answer the support inbox",
        purpose="Every customer hears back within one working day, in our voice.",
        tools="Gmail (support@northwindplanners.example)\nShopify admin (staff account "
        "“support”)\nSendOwl (download links)\nSaved replies in Gmail",
        inputs="New mail in the support inbox\nOrder numbers from Shopify",
        outputs="Answered threads, labelled\nRefunds issued in Shopify",
        done_when="No thread older than one working day is unanswered, and every thread has "
        "one of the labels Refund, Download, Pre-sale or Other.",
        steps=[
            _s(
                "Open the inbox filtered to “is:unread label:support”",
                "You see the oldest unanswered mail first.",
            ),
            _s(
                "Find the order in Shopify by the customer's email",
                "The order number is in your reply's first line.",
            ),
            _s(
                "For an expired download link, send a fresh one from SendOwl",
                "The customer's new link works when you open it in a private window.",
                "SendOwl › Orders › the order › Resend. Links last 72 hours.",
            ),
            _s(
                "For a refund request under 30 USD, refund in full without asking",
                "Refund shows in Shopify and the thread is labelled Refund.",
                "Above 30 USD, or a second refund for the same customer: ask Maya first.",
            ),
            _s(
                "Answer pre-sale questions with the matching saved reply, then personalise "
                "the first line",
                "The reply names the planner the customer asked about.",
            ),
            _s("Sign with your first name and send", "No reply goes out unsigned."),
            _s("Label and archive the thread", "The inbox shows only threads still open."),
        ],
    ),
    "Product photo editing": ProcedureData(
        title="Edit a batch of product photos",
        purpose="Photos whose colours match the printed planner, ready for Shopify and Etsy.",
        tools="Lightroom Classic (preset “Northwind print match”)\nPhotoshop\n"
        "Dropbox folder “Shoots”",
        inputs="Raw files of the week's shoot in Dropbox › Shoots › YYYY-WW\n"
        "The printed colour proof",
        outputs="JPEGs 2000×2000 px, sRGB, under 500 KB, in Dropbox › Ready",
        done_when="Every photo of the shoot list is in Ready at the right size, and Maya has "
        "the contact sheet.",
        steps=[
            _s(
                "Import the week's raw files into Lightroom with the print-match preset",
                "White balance reads 5200 K on the grey card frame.",
            ),
            _s(
                "Cull to the shots on the shoot list",
                "One pick per line of the shoot list; rejects flagged, not deleted.",
            ),
            _s(
                "Match colours to the printed proof under daylight",
                "Cover colours within ΔE 3 of the proof's swatches.",
                "Photograph the proof next to the screen if in doubt.",
            ),
            _s(
                "Remove dust and glare in Photoshop",
                "No glare on gold foil at 100% zoom.",
            ),
            _s(
                "Export 2000×2000 px sRGB JPEGs with the naming SKU-angle.jpg",
                "Files under 500 KB; names match the SKU list.",
            ),
            _s(
                "Send Maya the contact sheet",
                "Contact sheet PDF in Dropbox › Ready and a message in Slack #photos.",
            ),
        ],
    ),
    "Social media posts": ProcedureData(
        title="Plan and schedule the week's posts",
        purpose="Five Instagram posts and daily stories that sell the planners without "
        "sounding like ads.",
        tools="Later (scheduling)\nCanva (brand kit “Northwind”)\nInstagram app",
        inputs="The content calendar in Notion\nNew product photos in Dropbox › Ready",
        outputs="Five posts and the stories scheduled in Later",
        done_when="The coming Monday to Friday each has a post scheduled in Later before "
        "Friday 15:00, approved by Maya.",
        steps=[
            _s(
                "Read next week's line of the content calendar",
                "You know the week's theme and the product to feature.",
                link="https://www.notion.so/northwind/content-calendar",
            ),
            _s(
                "Make the five post images in Canva from the brand templates",
                "Fonts and colours from the brand kit only.",
            ),
            _s(
                "Write captions: hook, one useful tip, then the product",
                "Each caption under 150 words with at most 5 hashtags.",
            ),
            _s("Schedule the posts in Later at 8:00 Stockholm time", "Five posts in the grid."),
            _s(
                "Send Maya the Later preview link",
                "Maya approved, or her changes are made, before Friday 15:00.",
            ),
        ],
    ),
    "Packing paper planner orders": ProcedureData(
        title="Pack and post the paper orders",
        purpose="Printed planners leave on Tuesdays and Fridays, packed so they arrive flat.",
        tools="Shopify admin (staff account “packing”)\nPostNord portal\nLabel printer "
        "(Zebra, shelf 2)",
        inputs="Unfulfilled paper orders in Shopify\nMailers C4 rigid, tissue, sticker sheets",
        outputs="Parcels in the post tray\nOrders marked fulfilled with tracking",
        done_when="Every paper order paid before 12:00 is fulfilled with a tracking number and "
        "its parcel is in the post tray by 15:00.",
        steps=[
            _s(
                "Print the packing slips of unfulfilled paper orders",
                "One slip per order; the order number top right.",
                "Shopify › Orders › filter “Unfulfilled” and tag “paper” › Print packing slips.",
            ),
            _s(
                "Pick the planners and the free sticker sheet",
                "Items and colours match the slip.",
            ),
            _s(
                "Wrap each planner in tissue, then into a rigid C4 mailer",
                "The mailer closes flat without bending the planner.",
            ),
            _s(
                "Buy and print the label in the PostNord portal",
                "Weight on the label within 20 g of the scale.",
            ),
            _s(
                "Mark the order fulfilled with its tracking number",
                "The customer got the shipping email (Shopify › the order › Timeline).",
            ),
            _s("Put the parcels in the post tray by 15:00", "Tray count equals orders fulfilled."),
        ],
    ),
    "Newsletter writing": ProcedureData(
        title="Send the Sunday newsletter",
        purpose="One useful planning idea a week, in Maya's voice, to 4,200 readers.",
        tools="MailerLite (editor role)\nGoogle Docs folder “Newsletter”",
        inputs="Maya's voice notes for the week\nThe product to mention, from the content calendar",
        outputs="A scheduled campaign in MailerLite",
        done_when="The campaign is scheduled for Sunday 8:00 and Maya has replied “go” to "
        "the test email.",
        steps=[
            _s(
                "Write the draft in Google Docs from Maya's voice notes",
                "500 to 700 words; one idea; the product mentioned once.",
            ),
            _s(
                "Copy the draft into the MailerLite template “Sunday letter”",
                "Headings and links survive the copy.",
            ),
            _s(
                "Send the test email to Maya and to yourself",
                "Every link opens; images load on a phone.",
            ),
            _s(
                "Schedule for Sunday 8:00 Stockholm time once Maya replies “go”",
                "The campaign shows as Scheduled with the right segment.",
            ),
        ],
    ),
    # The two other tasks handed off with a brief (the Engagements demo).
    "Etsy listing updates": ProcedureData(
        title="Refresh an Etsy listing",
        purpose="Listings that show the current photos and are found by the words buyers use.",
        tools="Etsy Shop Manager (listings manager role)\neRank (keyword research)",
        inputs="New mockups in Dropbox › Ready\nThe month's keyword sheet",
        outputs="Updated listings, logged in the listings sheet",
        done_when="Every listing on the month's list has its new photos, title and 13 tags, "
        "and the listings sheet says so.",
        steps=[
            _s(
                "Open the listing from the month's list in Shop Manager",
                "The listing's SKU matches the list.",
            ),
            _s("Replace the first three photos with the new mockups", "Photo 1 is the cover."),
            _s(
                "Rewrite the title with the sheet's main keyword first",
                "Title under 140 characters; no keyword twice.",
            ),
            _s("Fill all 13 tags from the keyword sheet", "13 tags, none repeating the title."),
            _s("Log the change in the listings sheet", "Date and SKU in the sheet."),
        ],
    ),
    "Pinterest pins": ProcedureData(
        title="Pin the week's pins",
        purpose="Fresh pins every weekday that lead to the shop's product pages.",
        tools="Tailwind (scheduler)\nCanva (brand kit “Northwind”)\nPinterest business account",
        inputs="New product photos\nThe boards list",
        outputs="Ten pins a week scheduled in Tailwind",
        done_when="Next week's ten pins are scheduled in Tailwind by Thursday, each linking to "
        "a product page.",
        steps=[
            _s("Make ten pin images from the Canva pin templates", "2:3 format, 1000×1500 px."),
            _s(
                "Write each pin's title and description with one keyword",
                "Description under 300 characters.",
            ),
            _s(
                "Link each pin to its product page with the UTM tag",
                "The link opens the product with utm_source=pinterest.",
            ),
            _s("Schedule two pins a weekday in Tailwind", "Ten pins in next week's queue."),
        ],
    ),
}


def fill(today: date) -> None:
    for task_name, data in PROCEDURES.items():
        task_id = find_task_id(task_name)
        if task_id is not None:
            create_procedure(task_id, data)

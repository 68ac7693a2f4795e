"""How staff ask: the words of a question, of a month, of "who" and of "duties".

Data only; the search worker applies it to a query (worker.js, "Questions"):

* question words and particles (อะไร, บ้าง, ไหม, ครับ …) never decide the order of
  results; in a question, the verbs around them (ต้อง, ทำ, มี …) do not either;
* a month (full or abbreviated name, with or without a year) points at the section
  of that month: anchor ``month-N``, N the fiscal month (ต.ค. = 1 … ก.ย. = 12), on the
  calendar or, when a role is named, on that role's page when it has one;
* "หน้าที่ของ X", "X ต้องทำอะไร", "X มีบทบาทอะไร": with X a role, the role's page;
* "ใครรับผิดชอบ X", "X ใครทำ": the process of X; "ใครทำอะไร" alone: roles and processes.

Words are written as a reader types them and normalised like the index.
"""

from __future__ import annotations

from .normalize import normalize_text, strip_abbreviation_dots

# Words that ask (never content).
QUESTION_WORDS = (
    "อะไร", "อะไรบ้าง", "บ้าง", "ใคร", "ไหน", "ที่ไหน", "อย่างไร", "ยังไง", "อย่างไรบ้าง",
    "เมื่อไร", "เมื่อไหร่", "เมื่อใด", "ทำไม", "เท่าไร", "เท่าไหร่", "กี่", "ไหม", "มั้ย", "หรือไม่",
    "หรือเปล่า", "หรือยัง", "ใด", "ไร", "ป่าว",
    "ครับ", "ค่ะ", "คะ", "นะ", "จ้ะ", "จ๊ะ", "ล่ะ", "หรอ", "เหรอ", "ละ", "ฮะ",
)
# In a question, or around a month or a role, these say "what happens", not what about.
FRAME_WORDS = (
    "ต้อง", "ทำ", "มี", "ควร", "คือ", "เป็น", "หมายถึง", "ได้", "จะ", "ช่วย", "บอก", "อยาก", "รู้",
    "ทราบ", "หา", "ค้นหา", "ดู", "ทำการ", "ดำเนินการ", "ปฏิบัติ", "ต้องการ", "เกี่ยวกับ", "สำหรับ",
    "ใน", "ของ", "แต่ละ", "ทุก", "ที่", "และ", "กับ",
)
# "The duties of X": with X a role, the question is about the role.
DUTY_WORDS = ("หน้าที่", "บทบาท", "บทบาทหน้าที่", "ภาระงาน", "งาน", "รับผิดชอบ", "อำนาจหน้าที่")
# "Who": the steps of a process name who does them.
WHO_WORDS = ("ใคร", "ผู้รับผิดชอบ", "ผู้ใด")
WHO_VERBS = ("รับผิดชอบ", "ทำ", "ดูแล", "ดำเนินการ", "เป็น", "ผู้รับผิดชอบ", "มีหน้าที่", "หน้าที่")
# "Who does what" with nothing else named: the roles and the processes.
WHO_WHAT = ("บทบาท", "กระบวนงาน")
# Around a month: "the work of May", "the calendar of May".
MONTH_WORDS = ("เดือน", "ประจำเดือน", "งาน", "ปฏิทิน", "ปฏิทินงาน", "ช่วง", "ปี", "พศ", "ปีงบประมาณ")

# Fiscal year order (anchor month-1 is October), each: full name, abbreviation, English.
FISCAL_MONTHS = (
    ("ตุลาคม", "ต.ค.", "october", "oct"),
    ("พฤศจิกายน", "พ.ย.", "november", "nov"),
    ("ธันวาคม", "ธ.ค.", "december", "dec"),
    ("มกราคม", "ม.ค.", "january", "jan"),
    ("กุมภาพันธ์", "ก.พ.", "february", "feb"),
    ("มีนาคม", "มี.ค.", "march", "mar"),
    ("เมษายน", "เม.ย.", "april", "apr"),
    ("พฤษภาคม", "พ.ค.", "may"),
    ("มิถุนายน", "มิ.ย.", "june", "jun"),
    ("กรกฎาคม", "ก.ค.", "july", "jul"),
    ("สิงหาคม", "ส.ค.", "august", "aug"),
    ("กันยายน", "ก.ย.", "september", "sep", "sept"),
)


def key(word: str) -> str:
    """A word as the worker compares it: normalised, no dots, no spaces."""
    return strip_abbreviation_dots(normalize_text(word)).replace(" ", "")


def question_data() -> dict:
    """The worker's word lists (normalised, no dots)."""
    def keys(words):
        return sorted({key(w) for w in words})

    return {
        "question": keys(QUESTION_WORDS),
        "frame": keys(FRAME_WORDS),
        "duty": keys(DUTY_WORDS),
        "who": keys(WHO_WORDS),
        "whoVerb": keys(WHO_VERBS),
        "whoWhat": [key(w) for w in WHO_WHAT],
        "month": keys(MONTH_WORDS),
        "months": [[key(name) for name in names] for names in FISCAL_MONTHS],
    }

"""Teks pertanyaan kepada petugas (Bahasa Indonesia): sisi pemohon dan sisi petugas."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "button.ask": "💬 Tanya petugas",
    "usage.ask": ("Untuk bertanya kepada petugas tentang permohonan yang Anda ikuti: "
                  "<code>/ask {example} pertanyaan Anda</code>, atau tekan 💬 Tanya petugas "
                  "pada kartunya."),
    "ask.prompt": ("✍️ Tulis pertanyaan Anda tentang <b>{number}</b> dalam satu pesan (paling "
                   "banyak {limit} huruf). Petugas akan menjawab di sini."),
    "ask.cancelled": "Dibatalkan. Tidak ada pertanyaan yang dikirim.",
    "ask.sent": ("✅ Pertanyaan Anda tentang <b>{number}</b> sudah diteruskan ke petugas. "
                 "Jawabannya akan dikirim di sini."),
    "ask.refused.not_following": (
        "Anda hanya dapat bertanya tentang permohonan yang Anda ikuti. Ikuti dulu "
        "<b>{number}</b> dengan kode akses pada tanda terimanya: "
        "<code>/follow {number} 123456</code>."),
    "ask.refused.too_long": ("Pertanyaan terlalu panjang: paling banyak {limit} huruf. "
                             "Persingkat lalu kirim lagi; tidak ada yang dikirim."),
    "ask.refused.empty": "Tulis pertanyaan Anda sebagai teks; tidak ada yang dikirim.",
    "ask.refused.daily_limit": ("Batas {limit} pertanyaan per hari sudah tercapai. Silakan "
                                "bertanya lagi besok, atau telepon kantor."),
    "ask.refused.waiting": ("Pertanyaan Anda tentang <b>{number}</b> belum dijawab. Mohon "
                            "tunggu jawabannya sebelum bertanya lagi."),
    "notify.answer": ("💬 <b>Jawaban petugas</b> atas pertanyaan Anda tentang "
                      "<b>{number}</b>:\n{answer}"),
    "staff.question.post": ("❓ <b>Pertanyaan #{id}</b> · {number}\nTahap: {stage}\n"
                            "Pemohon: {name}\n\n{question}\n\n"
                            "↩️ Balas pesan ini untuk menjawab; jawaban dikirim ke penanya."),
    "staff.button.close_question": "🔒 Tutup",
    "staff.question.answered": "✅ Jawaban untuk pertanyaan #{id} ({number}) dikirim ke penanya.",
    "staff.question.closed": "🔒 Pertanyaan #{id} ({number}) ditutup.",
    "staff.question.already_closed": "Pertanyaan #{id} ({number}) sudah ditutup sebelumnya.",
    "staff.error.question_closed": ("Pertanyaan #{id} ({number}) sudah ditutup: jawaban tidak "
                                    "dikirim."),
    "staff.error.question_gone": ("Pertanyaan ini tidak ada lagi (penanya menghapus datanya): "
                                  "tidak ada yang dikirim."),
    "staff.error.asker_left": ("Penanya pertanyaan #{id} tidak lagi mengikuti {number} (berhenti "
                               "mengikuti, atau dihapus oleh tanda terima baru): jawaban tidak "
                               "dikirim."),
    "staff.error.answer_too_long": ("Jawaban terlalu panjang: paling banyak {limit} huruf. "
                                    "Tidak ada yang dikirim."),
    "staff.close.done": "🔒 {count} pertanyaan tentang <b>{number}</b> ditutup.",
    "staff.close.none": "Tidak ada pertanyaan terbuka tentang <b>{number}</b>.",
    "staff.view.questions": "Pertanyaan ({count})",
    "staff.view.question": "❓ #{id} · {date}{state}\n   <i>{question}</i>",
    "staff.view.question_waiting": " · belum dijawab",
    "staff.view.question_closed": " · ditutup",
    "staff.view.answer": "\n   ↳ {date} · {who}: <i>{answer}</i>",
    "staff.digest.questions": "Pertanyaan belum dijawab lewat 1 hari kerja: <b>{count}</b>",
    "staff.digest.question": "  • #{id} · {number} · ditanyakan {date}",
}

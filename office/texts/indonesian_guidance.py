"""Indonesian texts that guide applicants: the menu, hints for near-misses, small talk."""

MESSAGES: dict[str, str] = {
    "menu.check_status": "🔎 Cek status",
    "menu.mine": "📋 Permohonan saya",
    "menu.help": "❓ Bantuan",
    "menu.placeholder": "Nomor pendaftaran atau pilih menu",
    "menu.staff_placeholder": "Nomor (mis. 123) atau perintah",
    "menu.shown": "👇 Menu ada di bawah: tekan <b>🔎 Cek status</b> untuk memeriksa permohonan "
                  "Anda, tanpa mengetik perintah.",
    "menu.staff_shown": "👇 Menu petugas ada di bawah: /queue, /overdue, /new dan /help.",
    "menu.ask_number": "🔎 Kirim nomor pendaftaran dari tanda terima Anda, mis. "
                       "<code>{example}</code>.",
    "small_talk.greeting": "Halo! 👋 Saya asisten E-Tracking {office}. Pilih menu di bawah, "
                           "atau kirim nomor pendaftaran Anda, mis. <code>{example}</code>.",
    "small_talk.thanks": "Sama-sama! 🙏 Jika perlu lagi, pilih menu di bawah atau kirim nomor "
                         "pendaftaran Anda.",
    "hint.no_prefix": "Nomor pendaftaran diawali <b>{prefix}</b>. Maksud Anda <b>{suggestion}</b>? "
                      "Tekan tombol di bawah untuk melihatnya.",
    "hint.code_or_number": "Maksud Anda nomor <b>{suggestion}</b>? Tekan tombol di bawah untuk "
                           "melihatnya. Jika 6 angka itu kode akses, buka dulu status permohonan "
                           "lalu tekan 🔔 Ikuti.",
    "hint.wrong_prefix": "Nomor <b>{number}</b> tidak ditemukan. Nomor di kantor ini diawali "
                         "<b>{prefix}</b>: maksud Anda <b>{suggestion}</b>?",
    "hint.sequence_too_long": "Nomor urut terdiri dari 6 angka, mis. <code>{example}</code>. "
                              "Sepertinya ada angka berlebih; periksa lagi tanda terima Anda.",
    "hint.year_alone": "Itu baru tahunnya. Kirim nomor pendaftaran lengkap dari tanda terima, "
                       "mis. <code>{example}</code>.",
    "button.open_number": "📄 {number}",
    "fee.amount": "💳 Retribusi: <b>{amount}</b>",
    "fee.billing_code": "🧾 Kode bayar (SKRD): <code>{code}</code>",
    "fee.due": "📅 Bayar paling lambat {date}",
    "fee.how": "🏦 {instructions}",
    "notify.collect_reminder": "📦 Pengingat: {permit_type} Anda (<b>{number}</b>) sudah terbit "
                               "sejak {date} dan menunggu diambil.",
    "survey.invite": "📝 <b>Survei Kepuasan Masyarakat</b> untuk {permit_type} <b>{number}</b>. "
                     "Sembilan pertanyaan singkat; jawaban Anda dihitung tanpa nama.",
    "survey.question": "Pertanyaan {position} dari 9:\n{question}",
    "survey.skip": "⏭ Lewati",
    "survey.stop": "⏹ Berhenti",
    "survey.comment": "💬 Ada saran atau komentar? Ketik balasan (paling banyak {limit} huruf), "
                      "atau tekan Selesai.",
    "survey.finish": "✅ Selesai",
    "survey.thanks": "🙏 Terima kasih, tanggapan Anda sudah tercatat.",
    "survey.stale": "Pertanyaan ini sudah dijawab.",
    "survey.not_invited": "Survei ini bukan untuk chat Anda.",
    "staff.collected": "📦 <b>{number}</b>: izin sudah diambil; pengingat tidak akan dikirim.",
    "staff.error.not_issued": "<b>{number}</b> belum terbit (tahap {stage}); belum ada yang bisa "
                              "diambil.",
    "staff.usage.collected": "Cara: <code>/collected 123</code> (izin sudah diambil pemohon).",
    "estimate.days": "⏱ Biasanya selesai {days} {unit} lagi, sekitar {around}",
    "estimate.unit_one": "hari kerja",
    "estimate.unit_many": "hari kerja",
    "estimate.today": "⏱ Biasanya selesai hari ini",
    "estimate.queue": "👥 Ke-{position} dari {total} permohonan di tahap ini",
    "notify.fee": "💳 Tagihan retribusi untuk <b>{number}</b> sudah tercatat.",
}

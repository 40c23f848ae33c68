"""Indonesian texts for office staff."""

MESSAGES: dict[str, str] = {
    "staff.private_only": (
        "Perintah ini mengirim berkas data kantor; pakai di obrolan pribadi dengan bot."
    ),
    "staff.only": "Perintah ini khusus untuk petugas kantor.",
    "staff.admin_only": "Perintah ini khusus untuk admin.",
    "staff.wrong_chat": "Perintah petugas hanya bisa dipakai di obrolan pribadi dengan bot atau "
                        "di grup petugas.",
    "staff.usage.new": "Cara: <code>/new PBG Nama Pemohon | 0812xxxx</code> (kontak opsional). "
                       "Kode jenis izin: {codes}",
    "staff.usage.number": "Cara: <code>/{command} {example}</code> — nomor boleh disingkat "
                          "urutannya saja, mis. <code>/{command} 123</code>.",
    "staff.usage.number_note": "Cara: <code>/{command} {example} catatan</code> — catatan "
                               "setelah <code>//</code> hanya untuk internal (tautan "
                               "<code>https://…</code> tetap utuh).",
    "staff.usage.move": "Cara: <code>/move {example} kode_tahap [catatan]</code>",
    "staff.usage.find": "Cara: <code>/find nama, nomor atau telepon</code>",
    "staff.usage.staff": "Cara: <code>/staff list</code>, <code>/staff add ID operator|admin "
                         "Nama</code>, <code>/staff remove ID</code>",
    "staff.usage.staff_add": "Cara: <code>/staff add ID operator|admin Nama</code>, mis. "
                             "<code>/staff add 123456789 operator Kadek Dwi</code>. ID adalah "
                             "ID Telegram petugas baru (angka, bukan @username): minta dia "
                             "mengirim /myid ke bot ini dan meneruskan angkanya kepada Anda.",
    "staff.usage.outbox": "Cara: <code>/outbox</code> atau <code>/outbox retry</code> (admin)",
    "staff.error.permit_type": "Jenis izin <b>{code}</b> tidak dikenal. Kode yang berlaku: {valid}",
    "staff.error.stage": "Tahap <b>{code}</b> tidak dikenal. Tahap yang berlaku: {valid}",
    "staff.error.transition": "Perpindahan itu tidak bisa dari tahap <b>{current}</b>; tidak "
                              "ada yang diubah. Yang bisa dari sini:{valid}",
    "staff.error.decided": "Permohonan ini sudah diputuskan (<b>{stage}</b>); tidak ada yang "
                           "diubah.",
    "staff.error.reason": "Tidak ada yang diubah: perintah <b>{action}</b> memerlukan alasan "
                          "atau catatan, mis. <code>{example}</code>",
    "staff.reason_example.move": "/move 123 received Berkas perlu dicek ulang",
    "staff.reason_example.return": "/return 123 Lampirkan IMB lama",
    "staff.reason_example.reject": "/reject 123 Lokasi di jalur hijau",
    "staff.reason_example.withdraw": "/withdraw 123 Pemohon pindah kota",
    "staff.reason_example.note": "/note 123 Survei dijadwalkan Kamis",
    "staff.error.concurrent": "<b>{number}</b> sudah diubah petugas lain: Anda melihat tahap "
                              "<b>{expected}</b>, sekarang <b>{actual}</b>. Tidak ada yang "
                              "diubah; buka lagi dengan /view.",
    "staff.error.invalid.applicant_name": "Nama pemohon wajib diisi, paling banyak {limit} "
                                          "karakter; tidak ada yang didaftarkan.",
    "staff.error.invalid.contact": "Kontak paling banyak {limit} karakter; tidak ada yang "
                                   "didaftarkan.",
    "staff.error.invalid.note": "Catatan paling banyak {limit} karakter; tidak ada yang diubah.",
    "staff.error.invalid.staff_name": "Nama petugas wajib diisi, paling banyak {limit} karakter; "
                                      "tidak ada yang diubah.",
    "staff.error.invalid.fee_amount": "Jumlah retribusi harus lebih dari 0, mis. 1.250.000.",
    "staff.error.invalid.billing_code": "Kode bayar (SKRD) 3 sampai {limit} huruf, angka, titik, "
                                        "garis miring atau tanda hubung, mis. SKRD/2026/0456.",
    "staff.error.fee_not_due": "Tagihan dicatat saat permohonan masuk ke tahap pembayaran atau "
                               "sudah di tahap itu. <b>{number}</b> sekarang di tahap {stage}.",
    "staff.error.no_fee_stage": "Jenis izin <b>{number}</b> tidak punya tahap pembayaran; tidak "
                                "ada yang dicatat.",
    "staff.usage.fee": "Cara: <code>/fee 123 1.250.000 SKRD/2026/0456</code> (nomor, jumlah, kode "
                       "bayar; tanggal jatuh tempo opsional, mis. <code>2026-12-20</code>). Dari "
                       "tahap sebelum pembayaran, permohonan sekaligus masuk ke tahap pembayaran.",
    "staff.fee.recorded": "💳 <b>{number}</b>: {amount} · {code} · bayar paling lambat {due}. "
                          "Tahap: {stage}. Pengikut dikabari: {notified}.",
    "staff.view.fee": "💳 {amount} · SKRD {code} · jatuh tempo {due}",
    "staff.error.not_staff": "Pengguna {user_id} bukan petugas aktif.",
    "staff.error.last_admin": "Admin aktif terakhir tidak bisa dihapus atau diturunkan.",
    "staff.error.numbers_exhausted": (
        "Nomor registrasi tahun {year} sudah habis: <b>{last}</b> adalah nomor terakhir yang "
        "bisa dibuat. Tidak ada yang didaftarkan. Daftarkan permohonan di sistem perizinan "
        "utama dan beri tahu pengelola bot."
    ),
    "staff.error.not_found": "Nomor <b>{number}</b> tidak ditemukan.",
    "staff.error.stale": "Tombol ini sudah kedaluwarsa: <b>{number}</b> sudah berpindah ke "
                         "tahap <b>{stage}</b>. Tidak ada yang diubah; buka lagi dengan /view.",
    "staff.types.header": "<b>Jenis izin</b>",
    "staff.types.line": "<b>{code}</b> — {name} ({days} hari kerja)\n   {stages}",
    "staff.new.alike": "⚠️ Dalam {days} hari terakhir sudah terdaftar permohonan {permit_type} "
                       "atas nama yang sama:",
    "staff.new.alike_line": "• <b>{number}</b> {name} · didaftarkan {date} · {stage}",
    "staff.new.alike_question": "Tetap daftarkan <b>{name}</b> sebagai permohonan baru?",
    "staff.created": "✅ Permohonan terdaftar\nNomor: <b>{number}</b>\nJenis: {permit_type}\n"
                     "Pemohon: {name}\nKode akses: <code>{code}</code> (hanya ditampilkan "
                     "sekali)\nTarget selesai: {due}",
    "staff.receipt_caption": "🧾 <b>{number}</b> · {permit_type}\nPemohon: {name}\n"
                             "Kode akses: <code>{code}</code>\nPindai untuk mengikuti di "
                             "Telegram: {link}",
    "staff.receipt_reset": "🔁 Kode akses baru untuk <b>{number}</b>; kode lama tidak berlaku. "
                           "Pengikut dihapus: {removed}.",
    "staff.receipt_confirm": (
        "🔁 Tanda terima baru untuk <b>{number}</b> mengganti kode aksesnya dan menghapus "
        "{count} pengikut; masing-masing diminta menghubungi kantor. Lanjutkan?"
    ),
    "staff.unlocked": (
        "🔓 <b>{number}</b>: kunci kode salah dibuka untuk semua obrolan ({attempts} kode salah "
        "dari {chats} obrolan dihapus)."
    ),
    "staff.changed": "✅ <b>{number}</b>: {from_stage} → <b>{to_stage}</b>. Pengikut dikabari: "
                     "{notified}.",
    "staff.help": (
        "🧑‍💼 <b>Perintah petugas</b> (nomor boleh disingkat: 123 = {example})\n"
        "/new PBG Nama Pemohon | 0812… — daftarkan; nomor, kode akses dan tanda terima QR\n"
        "/advance 123 [catatan] — tahap berikutnya; sekaligus beberapa: /advance 12 13 15-18 "
        "catatan (juga /move, /note; paling banyak 50)\n"
        "/move 123 tahap [catatan] — tahap mana pun (mundur wajib catatan)\n"
        "/return 123 apa yang kurang — kembalikan ke pemohon\n"
        "/again 12 apa yang kurang — minta ulang dokumen kiriman #12 (✅ di bawahnya menerima)\n"
        "/reject 123 alasan · /withdraw 123 alasan — keputusan akhir\n"
        "/fee 123 1.250.000 SKRD/2026/0456 [2026-12-20] — catat tagihan retribusi\n"
        "/issue 123 [catatan] — izin terbit, siap diambil (lampirkan PDF/foto izin: dikirim ke "
        "pengikut) · /collected 123 — izin sudah diambil\n"
        "/undo 123 — urungkan langkah terakhir Anda, sesaat setelah membuatnya\n"
        "/note 123 teks [// catatan internal] — catatan; pengikut dikabari "
        "(tautan https://… tetap utuh)\n"
        "/view 123 (atau ketik saja #123) — semua data, dengan tombol langkah berikutnya\n"
        "Balas pesan ❓ pertanyaan untuk menjawab · /close 123 — tutup pertanyaannya\n"
        "/queue [tahap] · /overdue · /find nama, nomor atau telepon — daftar kerja\n"
        "/receipt 123 — kode akses dan kode QR baru; pengikut dihapus\n"
        "/unlock 123 — buka kunci kode salah pada permohonan\n"
        "/myid — ID Telegram Anda (di grup: juga ID grup)\n"
        "/types — jenis izin dan kode tahap · /stats [2026-11 | 2026] — kinerja kantor\n"
        "/outbox — notifikasi yang belum terkirim\n"
        "Admin: /staff · /audit 123 · /broadcast teks · /export · /import · /backup · /comments"
    ),
    "staff.repeated": "⚠️ Anda baru saja memindahkan <b>{number}</b> ke <b>{stage}</b> "
                      "{seconds} detik lalu, jadi /advance ini tidak dijalankan. Untuk "
                      "memajukannya lagi, ketuk tombol di bawah.",
    "staff.repeated_note": "⚠️ Anda baru saja memindahkan <b>{number}</b> ke <b>{stage}</b> "
                           "{seconds} detik lalu, jadi /advance ini belum dijalankan dan "
                           "catatannya belum ditambahkan. Untuk memajukannya ke <b>{next}</b>, "
                           "ketuk tombol di bawah: catatan ini akan ditambahkan.\n📝 {note}",
    "staff.repeat_cancelled": "Dibatalkan. Tidak ada yang diubah; catatannya tidak ditambahkan.",
    "staff.repeat_expired": "Tombol ini sudah tidak berlaku (ada /advance yang lebih baru, atau "
                            "bot dimulai ulang). Tidak ada yang diubah dan catatannya tidak "
                            "ditambahkan; kirim lagi /advance dengan catatannya bila perlu.",
    "staff.note_not_added": "Catatan Anda tidak ditambahkan: {note}",
    "staff.noted": "📝 Catatan ditambahkan ke <b>{number}</b>. Pengikut dikabari: {notified}.",
    "staff.undone": (
        "↩️ Dibatalkan: <b>{number}</b> kembali dari {from_stage} ke <b>{to_stage}</b>. "
        "Koreksi untuk pengikut yang sudah dikabari: {corrected}; kabar yang belum terkirim "
        "dibatalkan: {cancelled}."
    ),
    "staff.undo.refused.nothing": (
        "Tidak ada yang dibatalkan: langkah terakhir {number} bukan perpindahan tahap yang bisa "
        "dibatalkan."
    ),
    "staff.undo.refused.later": (
        "Tidak ada yang dibatalkan: {number} sudah diubah lagi sesudah langkah itu; hanya "
        "langkah terakhir yang bisa dibatalkan."
    ),
    "staff.undo.refused.not_yours": (
        "Tidak ada yang dibatalkan: langkah terakhir {number} dibuat petugas lain; hanya dia "
        "atau admin yang bisa membatalkannya."
    ),
    "staff.undo.refused.too_late": (
        "Tidak ada yang dibatalkan: langkah terakhir {number} sudah lebih dari {minutes} menit "
        "lalu. Perbaiki dengan /move dan catatannya."
    ),
    "staff.undo.refused.admin_only": (
        "Tidak ada yang dibatalkan: {number} sudah diputuskan; keputusan akhir hanya bisa "
        "dibatalkan admin."
    ),
    "staff.button.undo": "⏪ Urungkan",
    "staff.bulk.question": (
        "⚠️ {command} untuk <b>{count}</b> permohonan? Pengikut yang akan dikabari: {followers}."
    ),
    "staff.bulk.move_line": "• <b>{number}</b>: {from_stage} → {to_stage}",
    "staff.bulk.note_line": "• <b>{number}</b>: {stage}",
    "staff.bulk.refused_line": "✖️ <b>{number}</b>: {reason}",
    "staff.bulk.done_line": "✅ <b>{number}</b>: {what} · pengikut dikabari: {notified}",
    "staff.bulk.moved_between": "{from_stage} → {to_stage}",
    "staff.bulk.noted": "catatan ditambahkan",
    "staff.bulk.results": "Hasil {command}: {done} berhasil, {refused} tidak dijalankan.",
    "staff.bulk.too_many": (
        "Paling banyak {limit} permohonan per perintah; tidak ada yang diubah. Bagi menjadi "
        "beberapa perintah."
    ),
    "staff.bulk.backwards": (
        "Rentang {range} terbalik; tulis nomor yang kecil dulu, mis. 15-18. Tidak ada yang diubah."
    ),
    "staff.bulk.not_found": "tidak ditemukan",
    "staff.bulk.moved": "sudah berpindah ke {stage}",
    "staff.bulk.decided": "sudah diputuskan ({stage})",
    "staff.bulk.not_from": "tidak bisa dari tahap {stage}",
    "staff.bulk.queue_expired": (
        "Tombol ini sudah tidak berlaku; kirim /queue lagi. Tidak ada yang diubah."
    ),
    "staff.button.advance_all": "⏩ Majukan semua yang ditampilkan ({count})",
    "staff.view.title": "🗂 <b>{number}</b> · {permit_type}",
    "staff.view.applicant": "Pemohon: {name}\nKontak: {contact}",
    "staff.view.waiting": "⏳ Menunggu pemohon sejak {date}; waktu layanan berhenti sementara.",
    "staff.view.followers": "Pengikut: {count}",
    "staff.view.code_alert": (
        "⚠️ {attempts} kode akses salah dalam {hours} jam terakhir dari {chats} obrolan. Setiap "
        "obrolan dikunci sendiri-sendiri; kode yang benar tetap berlaku. "
        "<code>/unlock {number}</code> membuka kuncinya, <code>/receipt {number}</code> "
        "memberi kode baru."
    ),
    "staff.digest.code_alerts": "⚠️ Kode akses salah melewati batas peringatan ({count}):",
    "staff.digest.code_alert": "• <b>{number}</b> — {attempts} kode salah dari {chats} obrolan",
    "staff.view.history_line": "{date} · {stage} · {who}{public}{internal}",
    "staff.view.public": "\n   publik: <i>{note}</i>",
    "staff.view.internal": "\n   internal: <i>{note}</i>",
    "staff.view.system": "sistem",
    "staff.queue.header": "<b>Antrean{stage}</b> ({count} terbuka, terlama dulu)",
    "staff.queue.line": "• <b>{number}</b> {permit_type} · {stage} · {days} hari kerja di tahap",
    "staff.queue.line_waiting": (
        "• <b>{number}</b> {permit_type} · {stage} · ⏳ menunggu pemohon, {days} hari kerja"),
    "staff.queue.empty": "Tidak ada permohonan terbuka.",
    "staff.overdue.header": "<b>Terlambat</b> ({count})",
    "staff.overdue.line": "• <b>{number}</b> {permit_type} · {stage} · lewat {days} hari kerja",
    "staff.overdue.empty": "Tidak ada permohonan yang terlambat. 👍",
    "staff.find.header": "<b>Hasil pencarian</b> ({count})",
    "staff.find.line": "• <b>{number}</b> {name} · {permit_type} · {stage}",
    "staff.find.empty": "Tidak ada yang cocok dengan «{query}».",
    "staff.list.header": "<b>Petugas</b>",
    "staff.list.line": "• {name} (<code>{user_id}</code>) — {role}",
    "staff.added": "✅ {name} (<code>{user_id}</code>) sekarang {role}.",
    "staff.removed": "✅ {name} (<code>{user_id}</code>) tidak lagi menjadi petugas.",
    "staff.audit.header": "<b>Jejak audit {number}</b>",
    "staff.audit.line": "{date} · {sentence}",
    "staff.audit.create": "{who} mendaftarkan permohonan {permit_type} atas nama {name}",
    "staff.audit.contact": ", kontak {contact}",
    "staff.audit.advance": "{who} memajukan ke tahap «{stage}»",
    "staff.audit.move": "{who} memindahkan ke tahap «{stage}»",
    "staff.audit.return": "{who} mengembalikan berkas kepada pemohon",
    "staff.audit.reject": "{who} menolak permohonan",
    "staff.audit.issue": "{who} menerbitkan izin",
    "staff.audit.withdraw": "{who} mencatat pembatalan oleh pemohon",
    "staff.audit.note": "{who} menambahkan catatan",
    "staff.audit.import": "{who} mengimpor data dari berkas CSV",
    "staff.audit.receipt": "{who} membuat tanda terima dan kode akses baru; "
                           "pengikut yang dilepas: {count}",
    "staff.audit.unlock": "{who} membuka kunci kode akses: {attempts} kode salah dari "
                          "{chats} obrolan",
    "staff.audit.undo": "{who} membatalkan perubahan terakhir: kembali ke «{stage}» "
                        "(koreksi dikirim: {corrected}, kabar dibatalkan: {cancelled})",
    "staff.audit.other": "{who} · {action}{rest}",
    "staff.audit.field.permit_type": "jenis {value}",
    "staff.audit.field.applicant_name": "nama {value}",
    "staff.audit.field.contact": "kontak {value}",
    "staff.audit.field.stage": "tahap «{value}»",
    "staff.audit.empty": "Belum ada catatan audit.",
    "staff.button.move": "➡️ {stage}",
    "staff.button.return": "📎 Kembalikan",
    "staff.button.reject": "❌ Tolak",
    "staff.button.withdraw": "↩️ Tarik permohonan",
    "staff.button.issue": "✅ Terbitkan",
    "staff.button.confirm": "Ya, lanjutkan",
    "staff.button.register_anyway": "Ya, daftarkan baru",
    "staff.button.cancel": "Batal",
    "staff.button.advance_note": "➡️ {stage} + catatan",
    "staff.prompt.reason": "Tulis {what} untuk <b>{number}</b> sebagai balasan pesan ini.",
    "staff.prompt.what.return": "apa yang perlu dilengkapi",
    "staff.prompt.what.reject": "alasan penolakan",
    "staff.prompt.what.withdraw": "alasan penarikan",
    "staff.confirm": (
        "⚠️ {action}\n<b>{number}</b> · {permit_type}\nPemohon: {name}\nTahap sekarang: {stage}"
    ),
    "staff.confirm.reject": "Tolak permohonan ini?",
    "staff.confirm.withdraw": "Tarik permohonan ini?",
    "staff.confirm.issue": "Terbitkan izin untuk permohonan ini?",
    "staff.confirm.reason": "Alasan: <i>{note}</i>",
    "staff.confirm.note": "Catatan: <i>{note}</i>",
    "staff.confirm.lifetime": "Tombol ini berlaku {minutes} menit.",
    "staff.confirm_expired": (
        "⌛ Konfirmasi ini sudah kedaluwarsa (berlaku {minutes} menit). Tidak ada yang diubah; "
        "kirim lagi perintahnya bila masih perlu."
    ),
    "staff.cancelled": "Dibatalkan. Tidak ada yang diubah.",
    "staff.confirm_used": "Pertanyaan ini sudah dijawab. Tidak ada perubahan lagi.",
    "staff.not_your_question": "Pertanyaan ini untuk rekan Anda: hanya dia yang bisa menjawabnya.",
    "staff.outbox.header": "<b>Kotak keluar</b>\nMenunggu: {pending} · sedang dikirim: {sending} "
                           "· terkirim: {sent} · dijeda (diblokir): {paused} · gagal total: "
                           "{dead}",
    "staff.outbox.retrying": "<b>Mencoba ulang</b>",
    "staff.outbox.dead": "<b>Gagal total</b> (admin: <code>/outbox retry</code>)",
    "staff.outbox.line": "• #{id} ke {chat_id} · {kind} · percobaan {attempts} · {error}",
    "staff.outbox.retried": "🔁 {count} pesan gagal dijadwalkan ulang.",
    "staff.digest.title": "☀️ <b>Ringkasan harian {office}</b> · {date}",
    "staff.digest.new": "Baru kemarin: <b>{count}</b>",
    "staff.digest.due_soon": "Jatuh tempo ≤ 2 hari kerja: <b>{count}</b>",
    "staff.digest.overdue": "Terlambat: <b>{count}</b>",
    "staff.digest.dead": "Pesan gagal terkirim: <b>{count}</b> (lihat /outbox)",
    "staff.digest.line": "  • {number} · {stage} · {due}",
    "staff.broadcast.usage": "Cara: <code>/broadcast teks pengumuman</code>",
    "staff.broadcast.confirm": (
        "📢 Kirim pengumuman ini ke <b>{count}</b> obrolan pengikut?\n\n"
        "{text}"
    ),
    "staff.broadcast.queued": "📢 Pengumuman sedang dikirim ke {count} obrolan.",
    "staff.period.out_of_range": (
        "Mohon pilih periode antara tahun {first} dan {last}, mis. <code>/{command} 2026</code>."
    ),
    "staff.period.too_long": (
        "Periode paling panjang {years} tahun. Mohon pilih periode yang lebih pendek, mis. "
        "<code>/{command} 2026</code> atau <code>/{command} 2020-01-01 2026-12-31</code>."
    ),
    "staff.usage.stats": (
        "Cara: <code>/stats</code> (bulan ini), <code>/stats 2026-11</code> (sebulan), "
        "<code>/stats 2026</code> (setahun) atau <code>/stats 2026-01-01 2026-03-31</code> "
        "(dari tanggal sampai tanggal, keduanya ikut dihitung)"
    ),
    "staff.stats.title": "📊 <b>Kinerja {office}</b>\nPeriode: {period}",
    "staff.stats.range": "{first} s.d. {last}",
    "staff.stats.input": "<b>Masukan</b> · permohonan diterima: <b>{count}</b>",
    "staff.stats.input_line": "• {permit_type} ({name}): {count}",
    "staff.stats.process": "<b>Proses</b> · terbuka saat ini: <b>{count}</b>",
    "staff.stats.process_line": (
        "• {permit_type} · {stage}: {count} · median {days} hari kerja di tahap"
    ),
    "staff.stats.slowest": (
        "Tahap kantor paling lambat: <b>{permit_type} · {stage}</b> (median {days} hari kerja)"
    ),
    "staff.stats.output": (
        "<b>Keluaran</b> · terbit: <b>{issued}</b> · ditolak: {rejected} · dibatalkan: {withdrawn}"
    ),
    "staff.stats.outcome": (
        "<b>Hasil</b> · diputus tepat waktu: <b>{share}</b> ({on_time} dari {decided}) · "
        "median {days} hari kerja sampai diputus"
    ),
    "staff.stats.outcome_line": (
        "• {permit_type}: {share} tepat waktu ({on_time} dari {decided}) · median {days} hari kerja"
    ),
    "staff.stats.outcome_none": "<b>Hasil</b> · belum ada permohonan yang diputus pada periode ini",
    "staff.stats.use": (
        "<b>Pemakaian pelacak</b>\nPermohonan yang diikuti: {share} ({followed} dari {received})\n"
        "Notifikasi terkirim: {delivered} · gagal: {failed}"
    ),
    "staff.stats.survey": (
        "<b>Kepuasan (IKM)</b> · <b>{index}</b> ({band}) · "
        "{responses} tanggapan dari {invitations} undangan ({share})"
    ),
    "staff.stats.survey_line": (
        "• U{element} {name}: rata-rata {mean} → {index} ({band}) · {answered} jawaban"
    ),
    "staff.stats.survey_unanswered": "• U{element} {name}: belum dijawab",
    "staff.stats.survey_none": (
        "<b>Kepuasan (IKM)</b> · belum ada tanggapan survei pada periode ini "
        "({invitations} undangan terkirim)"
    ),
    "staff.stats.survey_band.A": "Sangat Baik",
    "staff.stats.survey_band.B": "Baik",
    "staff.stats.survey_band.C": "Kurang Baik",
    "staff.stats.survey_band.D": "Tidak Baik",
    "staff.stats.survey_chart_caption": "📊 Jawaban survei per unsur (1-4), dengan IKM tiap unsur",
    "staff.stats.survey_chart.answers": "Jawaban",
    "staff.usage.comments": (
        "Cara: <code>/comments</code> (bulan ini), <code>/comments 2026-11</code> (sebulan), "
        "<code>/comments 2026</code> (setahun) atau "
        "<code>/comments 2026-01-01 2026-03-31</code> (dari tanggal sampai tanggal)"
    ),
    "staff.comments.title": (
        "💬 <b>Komentar survei</b> · {period}\n{shown} terbaru dari {total}, tanpa nama pemohon"
    ),
    "staff.comments.line": "• {day}: {comment}",
    "staff.comments.none": "💬 Belum ada komentar survei pada periode {period}.",
    "staff.stats.chart_caption": "📈 Diterima dan terbit per bulan, dengan persentase tepat waktu",
    "staff.stats.chart.received": "Diterima",
    "staff.stats.chart.issued": "Terbit",
    "staff.stats.chart.on_time": "Tepat waktu",
    "staff.stats.chart.applications": "Permohonan",
    "staff.export.usage": (
        "Cara: <code>/export</code> untuk semua, atau <code>/export 2026-06</code>, "
        "<code>/export 2026</code>, <code>/export 2026-01-01 2026-06-30</code> "
        "untuk permohonan yang diterima dalam bulan, tahun atau periode itu (kedua tanggal ikut)"
    ),
    "staff.export.everything": "semua permohonan",
    "staff.export.period": "diterima {start} s.d. {end}",
    "staff.export.applications": "📤 Permohonan: {count} ({period})",
    "staff.export.history": "📤 Riwayat: {count} langkah ({period})",
    "staff.import.how": (
        "📥 Untuk impor, kirim berkas CSV sebagai dokumen dengan keterangan "
        "<code>/import</code>.\nKolom wajib: number, permit_type, applicant_name, stage; "
        "opsional: contact dan tanggal stage_entered_at, created_at, updated_at, due_at, "
        "decided_at dalam format ISO 8601, mis. 2026-11-02T09:00:00+08:00. /export menghasilkan "
        "berkas dengan bentuk ini.\nBot menampilkan hasil uji coba dulu; tidak ada yang berubah "
        "sebelum Anda konfirmasi, dan berkas dengan baris yang ditolak tidak diimpor sama sekali."
    ),
    "staff.import.plan": (
        "📥 <b>Uji coba impor</b> · {file}\nBaris: {rows}\nPermohonan baru: <b>{created}</b>\n"
        "Berubah: <b>{changed}</b> (perpindahan tahap: {moves}; pengikut dikabari)\n"
        "Tidak berubah: {unchanged}\nDitolak: <b>{refused}</b>"
    ),
    "staff.import.history": "Langkah riwayat yang disalin untuk permohonan baru: {steps}",
    "staff.import.refused": (
        "<b>Baris yang ditolak</b> (nomor baris seperti di spreadsheet; judul kolom = baris 1):"
    ),
    "staff.import.refusal": "• baris {row}: {reason}",
    "staff.import.refusal_in": "• {file} baris {row}: {reason}",
    "staff.import.more": "…dan {count} lagi",
    "staff.import.fix": (
        "Tidak ada yang diimpor: impor berlaku utuh atau tidak sama sekali. Perbaiki baris-baris "
        "ini lalu kirim berkasnya lagi."
    ),
    "staff.import.nothing": "Tidak ada yang perlu diimpor: semua baris sama dengan yang tersimpan.",
    "staff.import.confirm": "Impor sekarang? Semuanya diterapkan sekaligus.",
    "staff.import.button": "📥 Impor",
    "staff.import.expired": "Impor ini sudah tidak menunggu konfirmasi; kirim berkasnya lagi.",
    "staff.import.stale": (
        "⚠️ <b>{number}</b> berubah setelah uji coba. Tidak ada yang diimpor; kirim berkasnya lagi."
    ),
    "staff.import.done": (
        "✅ Impor selesai: {created} baru, {changed} berubah. Pengikut dikabari: {notified}."
    ),
    "staff.import.receipts": (
        "Permohonan baru belum punya kode akses: berikan kepada tiap pemohon dengan "
        "<code>/receipt nomor</code>."
    ),
    "staff.import.file.too_big": "{file} terlalu besar untuk diimpor (paling besar {detail} MB).",
    "staff.import.file.not_utf8": (
        "{file} bukan teks UTF-8. Di spreadsheet, simpan sebagai “CSV UTF-8”."
    ),
    "staff.import.file.not_csv": "{file} tidak bisa dibaca sebagai CSV: {detail}",
    "staff.import.file.empty": (
        "{file} kosong: perlu baris judul kolom dan paling sedikit satu permohonan."
    ),
    "staff.import.file.missing_columns": (
        "Kolom berikut tidak ada di {file}: {detail}. Kirim /import untuk melihat bentuk yang "
        "diharapkan."
    ),
    "staff.import.reason.number": "nomor «{value}» tidak sah",
    "staff.import.reason.number_too_high": (
        "nomor {value} terlalu tinggi: nomor di atas {detail} untuk tahun ini dan sesudahnya "
        "disisakan bagi pendaftaran baru dengan /new"
    ),
    "staff.import.reason.duplicate": "nomor {value} sudah ada di baris {detail}",
    "staff.import.reason.permit_type": "jenis izin «{value}» tidak dikenal",
    "staff.import.reason.permit_type_changed": (
        "jenis izin {value} berbeda dari yang tersimpan ({detail})"
    ),
    "staff.import.reason.stage": "tahap «{value}» tidak dikenal untuk {detail}",
    "staff.import.reason.date": (
        "tanggal di {detail} salah: «{value}» (tulis mis. 2026-11-02T09:00:00+08:00)"
    ),
    "staff.import.reason.name_missing": "nama pemohon kosong",
    "staff.import.reason.name_too_long": "nama pemohon lebih dari {detail} karakter",
    "staff.import.reason.contact_too_long": "kontak lebih dari {detail} karakter",
    "staff.import.reason.decided_open": (
        "decided_at «{value}» diisi, padahal tahap {detail} bukan keputusan"
    ),
    "staff.import.reason.unknown_number": "nomor {value} tidak ada di applications.csv",
    "staff.import.reason.action": "action kosong",
    "staff.import.reason.staff_id": "staff_id «{value}» bukan angka",
    "staff.backup.caption": (
        "💾 Cadangan basis data · {date} · {applications} permohonan · {size} · integritas "
        "diperiksa\nBerisi semua data pemohon: simpan dengan aman, dan hapus dari obrolan ini "
        "setelah disimpan. Pulihkan di server dengan <code>etracking restore BERKAS</code> "
        "saat bot dihentikan."
    ),
    "staff.backup.too_big": (
        "Cadangan berukuran {size} MB, melebihi batas kirim bot (50 MB). Jalankan "
        "<code>etracking backup PATH</code> di server."
    ),
    "staff.backup.failed": "⚠️ Pencadangan gagal: {problem}",
    "staff.backup.on_server": (
        "Basis data ada di server PostgreSQL, jadi bot tidak mengirim salinannya. Cadangkan "
        "di server dengan <code>pg_dump</code> (lihat docs/deploy.md, «Running on "
        "PostgreSQL»)."
    ),
}

"""Indonesian texts for applicants and notifications."""

MESSAGES: dict[str, str] = {
    "start.greeting": (
        "Selamat datang di E-Tracking <b>{office}</b>: pantau permohonan izin Anda.\n"
        "🔎 Cek status: kirim nomor pendaftaran, mis. <code>{example}</code>\n"
        "🔔 Ikuti: pindai QR di tanda terima, atau <code>/follow {example} KODE</code>"
    ),
    "start.followed": "✅ Anda sekarang mengikuti <b>{number}</b>. Kami akan mengabari setiap "
                      "kali permohonan berpindah tahap.",
    "start.already": "Anda sudah mengikuti <b>{number}</b>.",
    "start.bad_link": "Tautan ini tidak valid atau kodenya sudah diganti. Kirim nomor "
                      "pendaftaran untuk cek status, atau minta tanda terima baru di loket.",
    "usage.status": "Kirim nomor pendaftaran, mis. <code>/status {example}</code> atau cukup "
                    "<code>{example}</code>.",
    "usage.follow": "Cara mengikuti: <code>/follow {example} 123456</code> (nomor pendaftaran "
                    "dan kode akses 6 angka dari tanda terima).",
    "usage.unfollow": "Cara berhenti mengikuti: <code>/unfollow {example}</code>",
    "usage.language": "Pilih bahasa: <code>/language id</code> atau <code>/language en</code>.",
    "usage.unknown_command": "Perintah itu tidak dikenal. /help menampilkan daftar perintah.",
    "usage.unknown_text": "Maaf, saya belum mengerti. Kirim nomor pendaftaran, mis. "
                          "<code>{example}</code>, atau /help untuk daftar perintah.",
    "error.not_found": "Nomor <b>{number}</b> tidak ditemukan. Periksa kembali nomor pada "
                       "tanda terima Anda; formatnya seperti <code>{example}</code>.",
    "error.throttled": "Anda sudah mencoba banyak nomor yang tidak terdaftar. Silakan tunggu "
                       "{minutes} menit, atau pindai kode QR pada tanda terima Anda.",
    "error.code_wrong": "Kode akses tidak cocok untuk <b>{number}</b>. Kode ada di tanda terima "
                        "(6 angka); sisa {tries} kali percobaan dari obrolan ini. Jika hilang, "
                        "minta tanda terima baru di loket.",
    "error.code_locked": "Terlalu banyak kode salah untuk permohonan ini dari obrolan ini. "
                         "Silakan coba lagi dalam {minutes} menit, atau hubungi kantor.",
    "error.follow_paused": "Terlalu banyak kode akses salah dari obrolan ini. Silakan coba lagi "
                           "dalam {hours} jam, atau hubungi kantor. Permohonan yang sudah Anda "
                           "ikuti tidak terpengaruh.",
    "error.follow_limit": "Anda sudah mengikuti {limit} permohonan, batas maksimal. Berhenti "
                          "mengikuti salah satu dengan /unfollow.",
    "error.generic": "Maaf, terjadi gangguan. Silakan coba lagi sebentar lagi.",
    "flood.slow_down": "Terlalu banyak pesan sekaligus: pesan dan tombol diabaikan sebentar. "
                       "Mohon tunggu sejenak, lalu coba lagi.",
    "follow.ask_code": "Kirim kode akses 6 angka dari tanda terima untuk <b>{number}</b>.",
    "follow.ok": "✅ Anda sekarang mengikuti <b>{number}</b>. Kami akan mengabari setiap kali "
                 "permohonan berpindah tahap.",
    "follow.already": "Anda sudah mengikuti <b>{number}</b>.",
    "unfollow.ok": "Anda berhenti mengikuti <b>{number}</b>.",
    "unfollow.not_following": "Anda tidak mengikuti <b>{number}</b>.",
    "mine.empty": "Anda belum mengikuti permohonan apa pun. Pindai QR di tanda terima atau "
                  "kirim <code>/follow {example} KODE</code>.",
    "mine.header": "<b>Permohonan yang Anda ikuti ({count})</b>",
    "mine.line": "• <b>{number}</b> — {stage} · target {due}",
    "mine.line_waiting": "• <b>{number}</b> — {stage} · ⏳ menunggu tindakan Anda",
    "mine.line_final": "• <b>{number}</b> — {stage}",
    "language.prompt": "Pilih bahasa / Choose a language:",
    "language.set": "Bahasa diatur ke Bahasa Indonesia.",
    "help": (
        "<b>Perintah</b>\n"
        "/status <code>{example}</code> — cek status (atau kirim nomornya saja)\n"
        "/follow <code>{example} 123456</code> — ikuti dengan kode akses dari tanda terima\n"
        "/unfollow <code>{example}</code> — berhenti mengikuti\n"
        "/mine — permohonan yang Anda ikuti\n"
        "/language <code>en</code> — ganti bahasa (id/en)\n"
        "/ask <code>{example} pertanyaan</code> — tanya petugas tentang permohonan yang "
        "Anda ikuti\n"
        "/forgetme — hapus data obrolan Anda dari bot\n"
        "/myid — ID Telegram Anda (untuk petugas baru)\n"
        "/help — pesan ini\n\n"
        "Kantor: {office}{contact}"
    ),
    "help.contact": "\nTelp. {phone} · {hours}",
    "myid.user": "🪪 ID Telegram Anda: <code>{user_id}</code>\nAkan bergabung sebagai petugas "
                 "kantor? Kirim angka ini ke admin kantor, yang menambahkan Anda dengan "
                 "/staff add.",
    "myid.group": "\n👥 ID obrolan grup ini: <code>{chat_id}</code>\nUntuk menjadikannya grup "
                  "petugas, admin mengisi angka ini pada <code>[staff] group_chat_id</code> di "
                  "konfigurasi, lalu memulai ulang bot.",
    "myid.staff_group": "\n👥 ID obrolan grup ini: <code>{chat_id}</code> — grup petugas kantor "
                        "(<code>[staff] group_chat_id</code>).",
    "button.refresh": "🔄 Perbarui",
    "button.follow": "🔔 Ikuti",
    "button.unfollow": "🔕 Berhenti ikuti",
    "button.history": "📜 Riwayat",
    "button.status": "📄 Lihat status",
    "button.lang_id": "🇮🇩 Bahasa Indonesia",
    "button.lang_en": "🇬🇧 English",
    "callback.refreshed": "Diperbarui",
    "callback.not_modified": "Belum ada perubahan",
    "card.title": "📄 <b>{number}</b>\n{permit_type}",
    "card.applicant": "Pemohon: {name}",
    "card.stage": "Tahap {position} dari {total}: <b>{stage}</b>",
    "card.stage_final": "<b>{stage}</b>",
    "card.stage_returned": "Tahap {position} dari {total}: <b>{stage}</b> · dikembalikan untuk "
                           "dilengkapi",
    "card.next_returned": "Berikutnya: setelah berkas lengkap diserahkan, {stage}",
    "card.history_returned": "📎 Dikembalikan untuk dilengkapi (dari tahap {stage})",
    "card.history_resubmitted": "Berkas lengkap diserahkan kembali → {stage}",
    "card.since": "Sejak {date} ({days} hari kerja)",
    "card.due_on_time": "Target selesai {due} — tepat waktu, sisa {days} hari kerja",
    "card.due_today": "Target selesai {due} — hari ini",
    "card.due_overdue": "Target selesai {due} — ⚠️ terlambat {days} hari kerja",
    "card.waiting": "⏳ Menunggu tindakan Anda; waktu layanan kantor berhenti sementara.",
    "card.waiting_fee": "⏳ Sekarang giliran Anda: silakan bayar retribusi sesuai SKRD. Selama "
                        "menunggu, waktu layanan kantor tidak dihitung.",
    "card.decided_on_time": "Selesai {date} — dalam standar waktu layanan",
    "card.closed": "Ditutup {date}",
    "card.decided_late": "Selesai {date} — {days} hari kerja melewati standar",
    "card.next": "Berikutnya: {stage}",
    "card.next_issued": "Berikutnya: izin terbit",
    "card.history": "<b>Riwayat</b>",
    "card.stages": "<b>Tahapan</b>",
    "card.stage_guide": "{mark} {stage}",
    "card.stage_guide_about": "{mark} {stage} — <i>{about}</i>",
    "card.history_line": "{date} · {stage}",
    "card.history_note": "{date} · {stage} — <i>{note}</i>",
    "card.earlier": "…dan {count} langkah sebelumnya",
    "list.more": "…dan {count} lainnya",
    "card.pickup": "📍 Ambil di {office}{hours}",
    "card.private": "🔒 Ikuti permohonan ini dengan kode akses untuk melihat nama lengkap dan "
                    "catatan petugas.",
    "action.note": "Catatan",
    "notify.change": "🔔 <b>{number}</b> berpindah tahap\n{from_stage} → <b>{to_stage}</b>",
    "notify.note": "📝 Catatan baru untuk <b>{number}</b>",
    "notify.undone": (
        "↩️ Perubahan sebelumnya untuk <b>{number}</b> dibatalkan: permohonan kembali ke tahap "
        "<b>{stage}</b>."
    ),
    "notify.public_note": "Catatan petugas: <i>{note}</i>",
    "notify.your_turn": "⏳ Langkah ini giliran Anda; waktu layanan kantor berhenti sementara "
                        "sampai langkah ini selesai. Pertanyaan: {office}{phone}.",
    "notify.rejected_next": "Anda dapat mengajukan lagi setelah alasannya diselesaikan. "
                            "Pertanyaan: {office}{phone}.",
    "notify.due": "Target selesai: {due}",
    "notify.issued": "🎉 {permit_type} Anda (<b>{number}</b>) sudah terbit dan bisa diambil.",
    "notify.pickup": "📍 Ambil di {office}: {address}\n🕘 {hours}\nBawa tanda terima dan KTP.",
    "notify.rejected": "❌ Permohonan <b>{number}</b> ({permit_type}) ditolak.",
    "notify.reason": "Alasan: <i>{reason}</i>",
    "notify.withdrawn": "↩️ Permohonan Anda <b>{number}</b> ({permit_type}) sudah ditarik atas "
                        "permintaan Anda.",
    "notify.returned": "📎 Berkas <b>{number}</b> dikembalikan kepada Anda untuk dilengkapi.",
    "notify.missing": "Yang perlu dilengkapi: <i>{note}</i>",
    "notify.resubmit_where": "📍 Serahkan kekurangannya bersama tanda terima ke loket {office}: "
                             "{address}\n🕘 {hours}",
    "notify.resubmit_by": "📅 Paling lambat {date} ({days} hari kerja)",
    "notify.questions": "☎️ Pertanyaan: {phone}",
    "notify.clock_paused": "⏸ Selama menunggu berkas Anda, waktu layanan kantor tidak dihitung.",
    "notify.waiting_reminder": "⏳ Pengingat: <b>{number}</b> menunggu tindakan Anda sejak {date} "
                               "({days} hari kerja) — {stage}.",
    "notify.overdue": "⚠️ <b>{number}</b> telah melewati standar waktu layanan ({due}) tanpa "
                      "keputusan. Mohon maaf atas keterlambatan. Hubungi {office}{phone}.",
    "notify.receipt_replaced": "🔁 Kantor menerbitkan tanda terima baru untuk <b>{number}</b>, "
                               "sehingga Anda tidak lagi mengikutinya. Jika ini milik Anda, minta "
                               "tanda terima baru ke {office}{phone}.",
    "notify.broadcast": "📢 <b>Pengumuman {office}</b>\n{text}",
    "forget.confirm": "Hapus semua data obrolan ini (permohonan yang diikuti: {count}, pilihan "
                      "bahasa)? Anda tidak akan menerima kabar lagi.",
    "forget.done": "Data obrolan Anda sudah dihapus. Terima kasih telah menggunakan E-Tracking.",
    "forget.cancelled": "Dibatalkan. Tidak ada yang dihapus.",
    "button.confirm_forget": "🗑 Ya, hapus",
    "button.cancel": "Batal",
}

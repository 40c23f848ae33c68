"""Teks bahasa Indonesia untuk dokumen yang dikirim lewat chat: tanda terima, penolakan, review."""

MESSAGES: dict[str, str] = {
    "documents.what.photo": "foto",
    "documents.what.image/jpeg": "gambar JPEG",
    "documents.what.image/png": "gambar PNG",
    "documents.what.application/pdf": "dokumen PDF",
    "documents.received": "📎 Diterima untuk <b>{number}</b>: {what}, {size} (dokumen "
                          "#{document}). Petugas akan memeriksanya dan mengabari Anda.",
    "documents.duplicate": "📎 Berkas ini sudah diterima untuk <b>{number}</b> (dokumen "
                           "#{document}); tidak perlu dikirim lagi.",
    "documents.choose": "📎 Berkas ini untuk permohonan yang mana? Pilih di bawah, atau kirim "
                        "ulang dengan nomornya sebagai keterangan.",
    "documents.refused.type": "Berkas ini tidak dapat diterima. Kirim foto, atau berkas PDF, "
                              "JPEG atau PNG.",
    "documents.refused.size": "Berkas ini terlalu besar: paling besar {megabytes} MB. Kirim "
                              "hasil pindai yang lebih kecil atau foto.",
    "documents.refused.stage": "<b>{number}</b> sedang tidak menunggu dokumen (tahap: {stage}). "
                               "Berkas diterima saat kantor memintanya.",
    "documents.refused.not_follower": "Dokumen hanya dapat dikirim untuk permohonan yang Anda "
                                      "ikuti. Ikuti dulu dengan kode aksesnya: "
                                      "<code>/follow {number} 123456</code>.",
    "documents.refused.none": "Tidak ada permohonan yang Anda ikuti yang sedang menunggu "
                              "dokumen, jadi berkas ini tidak disimpan. Berkas diterima saat "
                              "kantor memintanya (setelah berkas dikembalikan untuk dilengkapi).",
    "documents.refused.limit": "<b>{number}</b> sudah menerima {limit} berkas dalam 24 jam "
                               "terakhir, batas sehari. Silakan kirim sisanya besok.",
    "documents.refused.expired": "Pilihan ini sudah tidak berlaku. Silakan kirim ulang berkasnya.",
    "documents.refused.choices": "Sudah ada {limit} berkas yang menunggu Anda memilih "
                                 "permohonannya. Pilih untuk berkas itu dulu.",
    "documents.refused.gone": "Dokumen itu sudah tidak disimpan.",
    "documents.status.received": "perlu diperiksa",
    "documents.status.accepted": "diterima",
    "documents.status.again": "diminta ulang",
    "documents.reviewed": "Dokumen #{document} sudah ditangani: {status}.",
    "documents.staff.forward": "📎 <b>Dokumen #{document}</b> untuk <b>{number}</b> ({stage})\n"
                               "Pemohon: {name}\n{what}, {size}",
    "documents.staff.accept": "✅ Terima",
    "documents.staff.again": "↩️ Minta ulang",
    "documents.staff.accepted": "✅ Dokumen #{document} untuk <b>{number}</b> diterima.",
    "documents.staff.resumed": "✅ Dokumen #{document} untuk <b>{number}</b> diterima; "
                               "permohonan kembali ke tahap {stage} dan pengikutnya dikabari.",
    "documents.staff.again_how": "↩️ Untuk meminta ulang dokumen #{document}, ketik "
                                 "<code>/again {document} apa yang kurang</code>; pemohon "
                                 "membaca kalimat Anda.",
    "documents.staff.asked_again": "↩️ Dokumen #{document} untuk <b>{number}</b> diminta ulang; "
                                   "pemohon dikabari.",
    "documents.staff.usage": "Cara pakai: <code>/again no-dokumen apa yang kurang</code>, mis. "
                             "<code>/again 12 Halaman 2 tidak terbaca</code> (paling banyak "
                             "{limit} huruf).",
    "documents.view.heading": "Dokumen ({count})",
    "documents.view.line": "#{document} · {date} · {what}, {size} · {status}",
    "documents.notify.accepted": "✅ Kantor menerima dokumen #{document} Anda untuk "
                                 "<b>{number}</b>.",
    "documents.notify.again": "↩️ Kantor meminta Anda mengirim ulang dokumen #{document} untuk "
                              "<b>{number}</b>: {reason}",
}

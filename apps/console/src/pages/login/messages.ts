import { defineMessages } from '../../i18n/locale';

export const login = defineMessages({
  id: {
    title: 'Masuk ke Lintas',
    intro: 'Sistem pemantauan Pekerja Migran Indonesia dari keberangkatan hingga kepulangan.',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    submit: 'Masuk',
    submitting: 'Memeriksa…',
    UNAUTHENTICATED: 'Nama pengguna atau kata sandi salah.',
    locked:
      'Terlalu banyak percobaan gagal: akun ini dikunci sementara. Coba lagi dalam {minutes} menit, atau hubungi admin BP3MI Anda.',
    expired: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    required: 'Wajib diisi.',
  },
  en: {
    title: 'Sign in to Lintas',
    intro: 'Following Indonesian migrant workers from departure to return.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Checking…',
    UNAUTHENTICATED: 'Wrong username or password.',
    locked:
      'Too many failed attempts: this account is locked for now. Try again in {minutes} minutes, or ask your BP3MI administrator.',
    expired: 'Your session has ended. Please sign in again.',
    required: 'Required.',
  },
});

import { defineMessages } from '../i18n/locale';

export const shell = defineMessages({
  id: {
    skip: 'Langsung ke isi',
    navigation: 'Navigasi utama',
    workers: 'Pekerja',
    placements: 'Penempatan',
    alerts: 'Peringatan',
    postPlacement: 'Purna',
    statistics: 'Statistik',
    logout: 'Keluar',
    language: 'Bahasa',
    timeZone: 'Zona waktu: {zone}',
    notFound: 'Halaman tidak ditemukan.',
  },
  en: {
    skip: 'Skip to content',
    navigation: 'Main navigation',
    workers: 'Workers',
    placements: 'Placements',
    alerts: 'Alerts',
    postPlacement: 'Return',
    statistics: 'Statistics',
    logout: 'Sign out',
    language: 'Language',
    timeZone: 'Time zone: {zone}',
    notFound: 'Page not found.',
  },
});

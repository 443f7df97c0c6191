// The design's example cinema (the original microservices book's app): its movies with their
// ids, its four show days, its users and a few of its bookings. Capacities and seats are ours:
// the original had no seats at all.
export const DESIGN_MOVIES = [
  { movie_id: '720d006c-3a57-4b6a-b18f-9b713b073f3c', title: 'The Good Dinosaur', director: 'Peter Sohn', rating: 7.4 },
  { movie_id: 'a8034f44-aee4-44cf-b32c-74cf452aaaae', title: 'The Martian', director: 'Ridley Scott', rating: 8.2 },
  { movie_id: '96798c08-d19b-4986-a05d-7da856efb697', title: 'The Night Before', director: 'Jonathan Levine', rating: 7.4 },
  { movie_id: '267eedb8-0f5d-42d5-8f43-72426b9fb3e6', title: 'Creed', director: 'Ryan Coogler', rating: 8.8 },
  { movie_id: '7daf7208-be4d-4944-a3ae-c1c2f516f3e6', title: 'Victoria', director: 'Sebastian Schipper', rating: 7.7 },
  { movie_id: '276c79ec-a26a-40a6-b3d3-fb242a5947b6', title: 'Jurassic World', director: 'Colin Trevorrow', rating: 7 },
  { movie_id: '39ab85e5-5e8e-4dc5-afea-65dc368bd7ab', title: 'Spectre', director: 'Sam Mendes', rating: 7.1 }
]

const id = (title: string) => DESIGN_MOVIES.find((m) => m.title === title)!.movie_id

export const DESIGN_SHOWTIMES = [
  { date: '20151130', showings: [['The Good Dinosaur', 120], ['The Martian', 80], ['Spectre', 100]] },
  { date: '20151201', showings: [['Creed', 100], ['Victoria', 40], ['Spectre', 100], ['The Martian', 80]] },
  { date: '20151202', showings: [['The Martian', 80], ['The Night Before', 60], ['Spectre', 100], ['Jurassic World', 150]] },
  { date: '20151203', showings: [['The Good Dinosaur', 120], ['Spectre', 100]] }
].map((day) => ({ date: day.date, showings: day.showings.map(([title, capacity]) => ({ movie_id: id(title as string), capacity: capacity as number })) }))

export const DESIGN_USERS = [
  { username: 'chris', name: 'Chris Smith' },
  { username: 'peter', name: 'Peter Gibbs' },
  { username: 'garret', name: 'Garret Heaton' },
  { username: 'dan', name: 'Dan Lockhart' }
]

export const DESIGN_BOOKINGS = [
  { username: 'chris', date: '20151201', movie_id: id('Creed'), seats: 2 },
  { username: 'garret', date: '20151201', movie_id: id('Creed'), seats: 1 },
  { username: 'garret', date: '20151202', movie_id: id('Jurassic World'), seats: 3 },
  { username: 'dan', date: '20151201', movie_id: id('Victoria'), seats: 2 },
  { username: 'dan', date: '20151201', movie_id: id('Creed'), seats: 2 }
]
